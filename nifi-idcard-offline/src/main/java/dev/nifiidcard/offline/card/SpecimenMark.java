package dev.nifiidcard.offline.card;

/**
 * The 样本 SPECIMEN mark printed across specimen and sample cards: a line of no field. Only a line that is nothing
 * but the mark is one: 样本 also occurs inside addresses (样本路).
 */
final class SpecimenMark {

    private SpecimenMark() {
    }

    static boolean isMark(final String text) {
        final String compact = text.replaceAll("\\s", "");
        final String rest = compact.replace("样本", "").replaceAll("[A-Za-z]", "");
        return rest.length() <= 1 && (compact.contains("样本") || compact.matches(".*[A-Za-z]{4,}.*"));
    }
}

package dev.nifiidcard.offline.card;

import java.util.List;

/**
 * Lines that belong to no field: the 样本 SPECIMEN mark printed across specimen cards (or what is left of it once its
 * red is gone), read as large text, unsure or a character or two. The card's titles (中华人民共和国, 居民身份证) are
 * large too, but long and read with confidence.
 */
final class Junk {

    /** Taller than this many times the typical line, and unsure: not print of the card's fields. */
    private static final double TALL = 2;
    private static final float UNSURE = 0.9f;

    private Junk() {
    }

    static List<CardLine> without(final List<CardLine> lines) {
        final double typical = lines.stream().mapToDouble(CardLine::height).sorted().skip(lines.size() / 2).findFirst().orElse(0);
        return lines.stream()
                .filter(line -> !SpecimenMark.isMark(line.text().text()))
                .filter(line -> line.height() <= TALL * typical
                        || line.text().minConfidence() >= UNSURE && line.text().withoutSpaces().length() > 2)
                .toList();
    }
}

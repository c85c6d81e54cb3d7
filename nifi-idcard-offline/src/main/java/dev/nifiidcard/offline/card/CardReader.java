package dev.nifiidcard.offline.card;

import dev.nifiidcard.idnumber.EthnicGroups;
import dev.nifiidcard.idnumber.ResidentIdNumber;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardFields;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Reads a second-generation resident ID card from the lines the recognizer found: which side it is, its fields
 * normalized like the cloud providers' (ISO dates, 长期 as long-term), and every doubt a person should settle.
 * Stateless and thread-safe.
 */
public final class CardReader {

    private static final List<Integer> VALIDITY_YEARS = List.of(5, 10, 20);

    private final float minConfidence;
    private final float maxRunnerUp;

    /**
     * @param minConfidence a character read with less confidence makes its field doubtful
     * @param maxRunnerUp   a character whose runner-up reached this probability makes its field doubtful
     */
    public CardReader(final float minConfidence, final float maxRunnerUp) {
        this.minConfidence = minConfidence;
        this.maxRunnerUp = maxRunnerUp;
    }

    /**
     * @param lines the lines in the upright frame
     * @param today the day, in China, that dates are compared with
     * @return the card; fields all null when the lines show neither side
     */
    public CardReading read(final List<CardLine> lines, final LocalDate today) {
        final List<CardRow> rows = CardRow.group(Junk.without(lines));
        final Doubts doubts = new Doubts(minConfidence, maxRunnerUp);
        if (FrontSide.isFront(rows)) {
            return new CardReading(CardSide.FRONT, front(FrontSide.read(rows), doubts, today), doubts.warnings());
        }
        if (BackSide.isBack(rows)) {
            return new CardReading(CardSide.BACK, back(BackSide.read(rows), doubts, today), doubts.warnings());
        }
        return new CardReading(CardSide.FRONT, new IdCardFields(null, null, null, null, null, null, null, null, null), List.of());
    }

    private static IdCardFields front(final FrontSide read, final Doubts doubts, final LocalDate today) {
        final String sex = read.sex().text();
        final LocalDate birth = read.birth().isEmpty() ? null : PrintedDates.birth(read.birth().text());
        final String number = read.number().isEmpty() ? null : read.number().text().toUpperCase(Locale.ROOT);
        final boolean printedSex = "男".equals(sex) || "女".equals(sex);
        final ResidentIdNumber.Problem problem = number == null ? ResidentIdNumber.Problem.FORMAT
                : ResidentIdNumber.check(number, birth == null ? null : birth.toString(), printedSex ? sex : null);
        // the number, birth date and sex vouch for each other only when all three were read and agree
        final boolean agree = problem == null && birth != null && printedSex;

        doubts.checkName(read.name());
        if (read.nameIncomplete()) {
            doubts.add("name", "gap");
        }
        doubts.checkRead("sex", read.sex(), agree);
        doubts.checkRead("nation", read.nation());
        doubts.checkRead("birth", read.birth(), agree);
        doubts.checkRead("address", read.address());
        doubts.checkGaps("address", read.address());
        if (read.addressIncomplete()) {
            doubts.add("address", "incomplete");
        }
        doubts.checkNumber(read.number(), read.birth(), agree);
        doubts.checkGaps("number", read.number());

        if (!read.sex().isEmpty() && !"男".equals(sex) && !"女".equals(sex)) {
            doubts.add("sex", "unknown");
        }
        final String nation = read.nation().text();
        if (!read.nation().isEmpty() && !EthnicGroups.isKnown(nation)) {
            doubts.add("nation", "unknown");
        }
        if (!read.birth().isEmpty() && (birth == null || birth.isAfter(today) || birth.getYear() < 1900)) {
            doubts.add("birth", "invalid");
        }
        if (number != null && problem != null) {
            doubts.add("number", problem.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return new IdCardFields(emptyToNull(read.name().text()), printedSex ? sex : emptyToNull(sex),
                emptyToNull(nation), birth == null ? null : birth.toString(), number, emptyToNull(read.address().text()),
                null, null, null);
    }

    private static IdCardFields back(final BackSide read, final Doubts doubts, final LocalDate today) {
        doubts.checkRead("authority", read.authority());
        doubts.checkGaps("authority", read.authority());
        doubts.checkRead("validity", read.validity());
        final LocalDate[] validity = read.validity().isEmpty() ? null : PrintedDates.validity(read.validity().text());
        if (!read.validity().isEmpty() && validity == null) {
            doubts.add("validity", "invalid");
        }
        if (validity != null && (validity[0].isAfter(today) || !isIssuedTerm(validity[0], validity[1]))) {
            // cards are valid 5, 10 or 20 years to the day, or long-term: anything else was misread
            doubts.add("validity", "inconsistent");
        }
        return new IdCardFields(null, null, null, null, null, null, emptyToNull(read.authority().text()),
                validity == null ? null : validity[0].toString(),
                validity == null ? null : validity[1] == null ? IdCardFields.LONG_TERM : validity[1].toString());
    }

    private static boolean isIssuedTerm(final LocalDate from, final LocalDate until) {
        return until == null || VALIDITY_YEARS.stream().anyMatch(years -> from.plusYears(years).equals(until)
                // a card issued on 29 February ends on 28 February or 1 March, depending on the issuing office
                || from.getMonthValue() == 2 && from.getDayOfMonth() == 29 && Math.abs(from.plusYears(years).toEpochDay() - until.toEpochDay()) <= 1);
    }

    private static String emptyToNull(final String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}

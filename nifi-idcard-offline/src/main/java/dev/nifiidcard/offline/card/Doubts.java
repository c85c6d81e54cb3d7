package dev.nifiidcard.offline.card;

import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.ReportedWarning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Why a card's reading should be looked at by a person: each doubt becomes a {@link CardWarning#FIELD_UNCERTAIN}
 * warning whose code names the field and the reason, for example {@code name.low-confidence}, so that the card routes
 * to warning instead of passing as read.
 */
final class Doubts {

    /**
     * Characters the model reads, with high confidence, in place of rare name characters it confuses them with
     * (冼→洗, 佘→余, 亓→元, 彧→或, 逄→逢), found by rendering rare surnames and given-name characters in both font
     * families: in a name they are worth a look even when the model is sure.
     */
    static final Set<Character> LOOK_ALIKES_OF_RARE = Set.of('洗', '余', '元', '或', '逢');

    /** Where GB 11643 puts the birth date in the number: characters 7 to 14. */
    private static final int BIRTH_DIGITS_FROM = 6;
    private static final int BIRTH_DIGITS_TO = 14;

    private final float minConfidence;
    private final float maxRunnerUp;
    private final Set<String> codes = new LinkedHashSet<>();

    /**
     * @param minConfidence a character read with less confidence is doubtful
     * @param maxRunnerUp   a character whose runner-up had more probability than this is doubtful
     */
    Doubts(final float minConfidence, final float maxRunnerUp) {
        this.minConfidence = minConfidence;
        this.maxRunnerUp = maxRunnerUp;
    }

    void add(final String field, final String reason) {
        codes.add(field + "." + reason);
    }

    /** A field that must be there and was not found, or a character of it the model was not sure of. */
    void checkRead(final String field, final ReadText read) {
        checkRead(field, read, false);
    }

    /**
     * As {@link #checkRead(String, ReadText)}, but a field another field vouches for may hold one unsure character:
     * an ID number whose check character, birth date and sex all agree cannot hide a single misread digit (GB 11643's
     * check catches every one), nor can a birth date or sex that agrees with such a number.
     */
    void checkRead(final String field, final ReadText read, final boolean vouchedFor) {
        if (read.isEmpty()) {
            add(field, "missing");
            return;
        }
        if (vouchedFor && unsure(read) <= 1) {
            return;
        }
        for (int i = 0; i < read.length(); i++) {
            if (read.confidence()[i] < minConfidence) {
                add(field, "low-confidence");
            }
            if (read.runnerUpConfidence()[i] > maxRunnerUp) {
                add(field, "ambiguous");
            }
        }
    }

    /**
     * The ID number: when it agrees with the printed birth date and sex, its birth-date digits are confirmed by the
     * birth line read on its own (where that line was sure of them), and one unsure digit elsewhere cannot pass the
     * check character; more than that is a doubt.
     */
    void checkNumber(final ReadText number, final ReadText birth, final boolean agrees) {
        if (number.isEmpty() || !agrees) {
            checkRead("number", number);
            return;
        }
        final boolean birthSure = unsure(birth, 0, birth.length()) == 0;
        final int unsureOutsideBirth = unsure(number, 0, BIRTH_DIGITS_FROM) + unsure(number, BIRTH_DIGITS_TO, number.length());
        final int unsureInBirth = unsure(number, BIRTH_DIGITS_FROM, Math.min(BIRTH_DIGITS_TO, number.length()));
        if (unsureOutsideBirth > 1 || unsureInBirth > 0 && !birthSure) {
            checkRead("number", number);
        }
    }

    private int unsure(final ReadText read) {
        return unsure(read, 0, read.length());
    }

    private int unsure(final ReadText read, final int from, final int to) {
        int unsure = 0;
        for (int i = from; i < to; i++) {
            if (read.confidence()[i] < minConfidence || read.runnerUpConfidence()[i] > maxRunnerUp) {
                unsure++;
            }
        }
        return unsure;
    }

    /** A hole inside the field's value, where a character the recognizer could not read may have been. */
    void checkGaps(final String field, final ReadText read) {
        // a hole before the first character is the space between the label and the value
        for (int i = 1; i < read.length(); i++) {
            if (read.holeNear()[i]) {
                add(field, "gap");
                return;
            }
        }
    }

    void checkName(final ReadText name) {
        checkRead("name", name);
        checkGaps("name", name);
        for (int i = 0; i < name.length(); i++) {
            final char c = name.text().charAt(i);
            if (LOOK_ALIKES_OF_RARE.contains(c)) {
                add("name", "look-alike");
            }
            if (!Character.isIdeographic(c) && c != '·') {
                add("name", "unexpected-character");
            }
        }
    }

    List<ReportedWarning> warnings() {
        final List<ReportedWarning> warnings = new ArrayList<>();
        codes.forEach(code -> warnings.add(new ReportedWarning(CardWarning.FIELD_UNCERTAIN, code)));
        return warnings;
    }
}

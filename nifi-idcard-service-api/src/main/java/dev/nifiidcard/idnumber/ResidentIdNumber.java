package dev.nifiidcard.idnumber;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 18-character Chinese resident ID number of GB 11643-1999: region (6), birth date yyyyMMdd (8),
 * sequence (3, odd for men, even for women) and a check character.
 */
public final class ResidentIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final Pattern SHAPE = Pattern.compile("\\d{17}[\\dXx]");
    /** 18-character numbers and the legacy 15-digit form, wherever they stand in a text. */
    private static final Pattern IN_TEXT = Pattern.compile("(?<![0-9A-Za-z])(\\d{6})(\\d{5,8})(\\d{3}[\\dXx])(?![0-9A-Za-z])");

    private ResidentIdNumber() {
    }

    /** Why a number is not consistent, or {@code null} when it is. */
    public enum Problem {
        FORMAT,
        CHECK_DIGIT,
        BIRTH_DATE,
        BIRTH_DATE_MISMATCH,
        SEX_MISMATCH
    }

    /**
     * Checks the number on its own and against the birth date and sex printed on the same card.
     *
     * @param number  the ID number
     * @param birth   the printed birth date as ISO yyyy-MM-dd, or {@code null} to skip that comparison
     * @param sex     the printed sex (男 or 女), or {@code null} to skip that comparison
     * @return the first problem found, or {@code null} when the number is consistent
     */
    public static Problem check(final String number, final String birth, final String sex) {
        if (number == null || !SHAPE.matcher(number).matches()) {
            return Problem.FORMAT;
        }
        if (Character.toUpperCase(number.charAt(17)) != checkCharacter(number)) {
            return Problem.CHECK_DIGIT;
        }
        final LocalDate encodedBirth;
        try {
            encodedBirth = LocalDate.of(Integer.parseInt(number.substring(6, 10)),
                    Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
        } catch (final DateTimeException e) {
            return Problem.BIRTH_DATE;
        }
        if (birth != null && !birth.equals(encodedBirth.toString())) {
            return Problem.BIRTH_DATE_MISMATCH;
        }
        final boolean male = (number.charAt(16) - '0') % 2 == 1;
        if (sex != null && !sex.isBlank() && !sex.trim().equals(male ? "男" : "女")) {
            return Problem.SEX_MISMATCH;
        }
        return null;
    }

    /** The check character for the first 17 digits. */
    public static char checkCharacter(final String number) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (number.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    /** Keeps the region code and the last four characters: {@code 440524********0014}. */
    public static String mask(final String number) {
        if (number == null || number.length() < 10) {
            return number == null ? null : "*".repeat(number.length());
        }
        return number.substring(0, 6) + "*".repeat(number.length() - 10) + number.substring(number.length() - 4);
    }

    /** Masks every ID number in a text, such as a provider's error message, before it reaches a log or attribute. */
    public static String maskAll(final String text) {
        if (text == null) {
            return null;
        }
        final Matcher matcher = IN_TEXT.matcher(text);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(
                match.group(1) + "*".repeat(match.group(2).length()) + match.group(3)));
    }
}

package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.IdCardFields;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** Turns the dates providers print (each in its own pattern) into the ISO dates of {@link IdCardFields}. */
public final class PrintedDates {

    /** {@code 19870101}, as Huiyan, WeChat and Jumdata print dates. */
    public static final DateTimeFormatter COMPACT = pattern("uuuuMMdd");

    /** How a card prints a validity without end: 长期 (long-term). */
    private static final String LONG_TERM = "长期";

    private PrintedDates() {
    }

    public static DateTimeFormatter pattern(final String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }

    /** The ISO date of a printed one; what does not parse is kept as printed, never dropped. */
    public static String iso(final String printed, final DateTimeFormatter format) {
        if (printed == null) {
            return null;
        }
        try {
            return LocalDate.parse(printed.trim(), format).toString();
        } catch (final DateTimeParseException e) {
            return printed.trim();
        }
    }

    /**
     * Splits a validity period such as {@code 2017.08.12-2037.08.12} or {@code 20190128-长期} into ISO start and end;
     * an end of 长期 becomes {@link IdCardFields#LONG_TERM}.
     */
    public static String[] validity(final String printed, final DateTimeFormatter format) {
        if (printed == null) {
            return new String[] {null, null};
        }
        final int dash = printed.indexOf('-');
        if (dash < 0) {
            return new String[] {iso(printed, format), null};
        }
        final String until = printed.substring(dash + 1).trim();
        return new String[] {
                iso(printed.substring(0, dash), format),
                LONG_TERM.equals(until) ? IdCardFields.LONG_TERM : iso(until, format)
        };
    }
}

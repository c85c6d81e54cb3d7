package dev.nifiidcard.offline.card;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The dates as the card prints them: 1987年1月1日 on the front, 2017.08.12-2037.08.12 or 2010.04.20-长期 on the back. */
final class PrintedDates {

    private static final Pattern BIRTH = Pattern.compile("(\\d{4})\\D{0,2}?(\\d{1,2})\\D{0,2}?(\\d{1,2})\\D?$");
    private static final Pattern DAY = Pattern.compile("(\\d{4})\\D?(\\d{2})\\D?(\\d{2})");
    private static final String LONG_TERM = "长期";

    private PrintedDates() {
    }

    /** 1987年1月1日 as a date, or null when it does not read as one (年月日 misread as anything or nothing is fine). */
    static LocalDate birth(final String printed) {
        final Matcher matcher = BIRTH.matcher(printed.replace("年", "-").replace("月", "-").replace("日", ""));
        return matcher.find() ? date(matcher.group(1), matcher.group(2), matcher.group(3)) : null;
    }

    /**
     * The validity period's two ends: the second is null for 长期 (long-term). Null when the first date does not read,
     * or when the second is neither a date nor 长期.
     */
    static LocalDate[] validity(final String printed) {
        final Matcher from = DAY.matcher(printed);
        if (!from.find()) {
            return null;
        }
        final LocalDate start = date(from.group(1), from.group(2), from.group(3));
        final String rest = printed.substring(from.end());
        if (start == null) {
            return null;
        }
        if (rest.contains(LONG_TERM)) {
            return new LocalDate[] {start, null};
        }
        final Matcher until = DAY.matcher(rest);
        if (!until.find()) {
            return null;
        }
        final LocalDate end = date(until.group(1), until.group(2), until.group(3));
        return end == null ? null : new LocalDate[] {start, end};
    }

    private static LocalDate date(final String year, final String month, final String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (final DateTimeException e) {
            return null;
        }
    }
}

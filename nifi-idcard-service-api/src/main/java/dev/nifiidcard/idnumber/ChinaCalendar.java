package dev.nifiidcard.idnumber;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** Cards are issued and expire on China's calendar, whatever the time zone of the host that reads them. */
public final class ChinaCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaCalendar() {
    }

    /** Today's date in China, the date a card's dates are compared with. */
    public static LocalDate today(final Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }
}

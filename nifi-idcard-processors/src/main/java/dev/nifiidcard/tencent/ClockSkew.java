package dev.nifiidcard.tencent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far this host's clock is from Tencent's, learnt from the {@code Date} header of an
 * {@code AuthFailure.SignatureExpire} answer, as the AWS SDKs do: requests are then signed with the corrected time.
 * Shared by every call of one service.
 */
final class ClockSkew {

    /** Below this the offset is noise (the Date header has a one-second resolution, the network adds latency). */
    private static final long NOISE_MILLIS = 2_000;

    private final Clock clock;
    private final AtomicLong offsetMillis = new AtomicLong();

    ClockSkew(final Clock clock) {
        this.clock = clock;
    }

    /** Tencent's idea of now, as far as we know it. */
    Instant now() {
        return clock.instant().plusMillis(offsetMillis.get());
    }

    /**
     * Adopts the offset a server's {@code Date} header shows.
     *
     * @return the new offset when it differs from the one in use by more than noise, or {@code null} when there is
     *         nothing to correct (no or unreadable header, or the offset is already right)
     */
    Duration adopt(final String dateHeader) {
        if (dateHeader == null) {
            return null;
        }
        final Instant serverNow;
        try {
            serverNow = ZonedDateTime.parse(dateHeader, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (final DateTimeParseException e) {
            return null;
        }
        final long offset = Duration.between(clock.instant(), serverNow).toMillis();
        if (Math.abs(offset - offsetMillis.get()) < NOISE_MILLIS) {
            return null;
        }
        offsetMillis.set(offset);
        return Duration.ofMillis(offset);
    }
}

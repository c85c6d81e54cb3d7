package dev.nifiidcard.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that only the test moves: credential ages, rechecks and expiry dates without waiting. */
public final class ManualClock extends Clock {

    private final Instant start;
    private volatile Instant now;

    public ManualClock(final Instant start) {
        this.start = start;
        this.now = start;
    }

    /** Moves the clock on by {@code duration}. */
    public void advance(final Duration duration) {
        now = now.plus(duration);
    }

    /** Sets the clock to {@code sinceStart} after where it started. */
    public void setSinceStart(final Duration sinceStart) {
        now = start.plus(sinceStart);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}

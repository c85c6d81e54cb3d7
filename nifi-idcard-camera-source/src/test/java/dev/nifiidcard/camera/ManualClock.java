package dev.nifiidcard.camera;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when the test moves it. */
public final class ManualClock extends Clock {

    private Instant now;

    public ManualClock(final Instant now) {
        this.now = now;
    }

    public void advance(final Duration duration) {
        now = now.plus(duration);
    }

    public void set(final Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        return this;
    }
}

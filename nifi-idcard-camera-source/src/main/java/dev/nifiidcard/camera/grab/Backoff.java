package dev.nifiidcard.camera.grab;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between reconnects: doubling from the initial delay up to the cap, each drawn between half and all of its
 * ceiling so that cameras that dropped together do not come back in lockstep; reset after a good frame. Used by one
 * reader thread at a time.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private int failures;

    Backoff(final Duration initial, final Duration max) {
        if (initial.toMillis() < 1 || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 1 ms <= initial <= max");
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** 500 ms doubling to 30 s. */
    static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    Duration nextDelay() {
        final long ceiling = Math.min(maxMillis, initialMillis << Math.min(failures, 20));
        failures++;
        return Duration.ofMillis(ceiling - ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    void reset() {
        failures = 0;
    }
}

package dev.nifiidcard.commons;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the ceiling doubles from {@code initial} with each attempt up to {@code max}, and
 * each delay is drawn between half and all of its ceiling, so that callers that failed together do not come back in
 * lockstep.
 *
 * @param initial the ceiling of the first delay, at least 1 ms
 * @param max     the cap on any ceiling, at least {@code initial}
 */
public record JitteredBackoff(Duration initial, Duration max) {

    /** Past this many doublings every sane cap has been reached; it keeps the shift from overflowing. */
    private static final int MAX_DOUBLINGS = 20;

    public JitteredBackoff {
        if (initial.toMillis() < 1 || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 1 ms <= initial <= max, not " + initial + " and " + max);
        }
    }

    /** The delay before attempt number {@code attempt} after the first failure (0-based). */
    public Duration delay(final int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt " + attempt + " is negative");
        }
        final long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt, MAX_DOUBLINGS));
        return Duration.ofMillis(ceiling - ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    /** A counter of consecutive failures that yields their delays, for a loop that retries until it succeeds. */
    public Failures failures() {
        return new Failures(this);
    }

    /** Consecutive failures and the delay after each; not thread-safe: used by one retrying thread at a time. */
    public static final class Failures {

        private final JitteredBackoff backoff;
        private int count;

        private Failures(final JitteredBackoff backoff) {
            this.backoff = backoff;
        }

        /** Counts a failure and returns the delay before the next attempt. */
        public Duration nextDelay() {
            final Duration delay = backoff.delay(count);
            count = Math.min(count + 1, MAX_DOUBLINGS);
            return delay;
        }

        /** Starts over from the initial delay, after a success. */
        public void reset() {
            count = 0;
        }
    }
}

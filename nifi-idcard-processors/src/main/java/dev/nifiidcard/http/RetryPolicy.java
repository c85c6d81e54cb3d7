package dev.nifiidcard.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a retryable failure is tried again: exponential backoff with jitter, so that
 * callers throttled together do not come back together.
 *
 * @param maxRetries   retries after the first attempt
 * @param initialDelay delay before the first retry; each further retry doubles it
 * @param maxDelay     cap on a single delay
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay) {

    /** The delay before retry number {@code retry} (0-based): between half and all of the exponential delay. */
    public long delayMillis(final int retry) {
        final long exponential = initialDelay.toMillis() << Math.min(retry, 20);
        final long capped = Math.min(Math.max(1, exponential), maxDelay.toMillis());
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }
}

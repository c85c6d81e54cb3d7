package dev.nifiidcard.provider;

import dev.nifiidcard.commons.JitteredBackoff;
import dev.nifiidcard.ocr.IdCardOcrException;

import java.time.Duration;

/**
 * How often and how patiently a retryable failure is tried again: exponential backoff with jitter, so that
 * callers throttled together do not come back together.
 *
 * @param maxRetries          retries after the first attempt
 * @param initialDelay        delay before the first retry; each further retry doubles it
 * @param maxDelay            cap on a single delay
 * @param retryAfterAnswerLost whether a request that was sent whole, but whose answer was lost, is sent again: the
 *                            provider may bill it twice
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay, boolean retryAfterAnswerLost) {

    /** Whether this failure, after {@code retry} retries, is worth another attempt within the same call. */
    public boolean shouldRetry(final IdCardOcrException failure, final int retry) {
        return failure.isRetryable() && retry < maxRetries && (retryAfterAnswerLost || !failure.isAnswerLost());
    }

    /** The delay before retry number {@code retry} (0-based): between half and all of the exponential delay. */
    public long delayMillis(final int retry) {
        return new JitteredBackoff(initialDelay, maxDelay).delay(retry).toMillis();
    }
}

package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.IdCardOcrException;
import org.junit.jupiter.api.RepeatedTest;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), false);

    @RepeatedTest(20)
    void delaysGrowExponentiallyWithJitterUpToTheCap() {
        assertBetween(50, 100, policy.delayMillis(0));
        assertBetween(100, 200, policy.delayMillis(1));
        assertBetween(200, 400, policy.delayMillis(2));
        assertBetween(500, 1000, policy.delayMillis(4));
        assertBetween(500, 1000, policy.delayMillis(30));
    }

    @org.junit.jupiter.api.Test
    void anAnswerLostAfterSendingIsRetriedOnlyWhenAllowed() {
        final IdCardOcrException lost = new IdCardOcrException("Transport.Timeout", "read timed out",
                IdCardOcrException.Category.TRANSPORT, true, null, null, true);
        final IdCardOcrException refused = new IdCardOcrException("Transport.ConnectFailed", "refused",
                IdCardOcrException.Category.TRANSPORT, true);
        assertFalse(policy.shouldRetry(lost, 0));
        assertTrue(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), true).shouldRetry(lost, 0));
        assertTrue(policy.shouldRetry(refused, 4));
        assertFalse(policy.shouldRetry(refused, 5), "Max Retries used up");
    }

    private static void assertBetween(final long low, final long high, final long actual) {
        assertTrue(actual >= low && actual <= high, actual + " not in [" + low + ", " + high + "]");
    }
}

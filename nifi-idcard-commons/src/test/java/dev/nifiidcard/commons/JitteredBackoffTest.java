package dev.nifiidcard.commons;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JitteredBackoffTest {

    private static final JitteredBackoff RECONNECT = new JitteredBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    @RepeatedTest(20)
    void eachDelayLiesBetweenHalfAndAllOfItsDoublingCeiling() {
        final JitteredBackoff backoff = new JitteredBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertBetween(50, 100, backoff.delay(0));
        assertBetween(100, 200, backoff.delay(1));
        assertBetween(200, 400, backoff.delay(2));
        assertBetween(500, 1000, backoff.delay(4));
        assertBetween(500, 1000, backoff.delay(30));
        assertBetween(500, 1000, backoff.delay(Integer.MAX_VALUE));
    }

    @Test
    void failuresDoubleWithJitterUpToTheCapAndStartOverAfterReset() {
        final JitteredBackoff.Failures failures = RECONNECT.failures();
        final long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};

        for (int round = 0; round < 50; round++) {
            for (final long ceiling : ceilings) {
                assertBetween(ceiling / 2, ceiling, failures.nextDelay());
            }
            failures.reset();
        }
    }

    @Test
    void refusesBoundsThatCannotMakeADelay() {
        assertThrows(IllegalArgumentException.class, () -> new JitteredBackoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new JitteredBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> RECONNECT.delay(-1));
    }

    private static void assertBetween(final long lowMillis, final long highMillis, final Duration delay) {
        assertTrue(delay.toMillis() >= lowMillis && delay.toMillis() <= highMillis,
                delay.toMillis() + " ms is not within [" + lowMillis + ", " + highMillis + "]");
    }
}

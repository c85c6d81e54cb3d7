package dev.nifiidcard.camera.grab;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    @Test
    void doublesWithJitterUpToTheCapAndStartsOverAfterReset() {
        final Backoff backoff = Backoff.standard();
        final long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};

        for (int round = 0; round < 50; round++) {
            for (final long ceiling : ceilings) {
                assertBetween(ceiling / 2, ceiling, backoff.nextDelay());
            }
            backoff.reset();
        }
    }

    private static void assertBetween(final long lowMillis, final long highMillis, final Duration delay) {
        assertTrue(delay.toMillis() >= lowMillis && delay.toMillis() <= highMillis,
                delay.toMillis() + " ms is not within [" + lowMillis + ", " + highMillis + "]");
    }
}

package dev.nifiidcard.provider;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RateLimiterTest {

    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(50);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void spacesCallsEvenly() {
        final RateLimiter limiter = new RateLimiter(20, now::get);
        assertEquals(0, limiter.reserve());
        assertEquals(INTERVAL, limiter.reserve());
        assertEquals(2 * INTERVAL, limiter.reserve());
    }

    @Test
    void tryAcquireTakesASlotOnlyWhenOneIsDueSoonEnough() throws Exception {
        final RateLimiter limiter = new RateLimiter(20, now::get);
        assertTrue(limiter.tryAcquire(0), "the first slot is now");
        assertFalse(limiter.tryAcquire(INTERVAL - 1), "the next is one interval away");
        assertEquals(INTERVAL, limiter.reserve(), "a refused try took no slot");
        now.addAndGet(2 * INTERVAL);
        assertTrue(limiter.tryAcquire(0));
    }

    @Test
    void savesNoBurstCreditWhileIdle() {
        final RateLimiter limiter = new RateLimiter(20, now::get);
        limiter.reserve();
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertEquals(0, limiter.reserve());
        assertEquals(INTERVAL, limiter.reserve());
    }

    @Test
    void twentyPerSecondAdmitsTwentyCallsPerSecond() {
        final RateLimiter limiter = new RateLimiter(20, now::get);
        final long start = now.get();
        long lastSlot = 0;
        for (int i = 0; i < 200; i++) {
            lastSlot = now.get() + limiter.reserve() - start;
        }
        // the 200th call starts 199 intervals after the first: 9.95 s for 200 calls
        assertEquals(199 * INTERVAL, lastSlot);
    }

    @Test
    void rejectsNonPositiveRates() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(-1));
    }
}

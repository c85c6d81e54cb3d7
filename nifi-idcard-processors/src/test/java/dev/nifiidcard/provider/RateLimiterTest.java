package dev.nifiidcard.provider;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
        assertEquals(0, limiter.tryReserve(Long.MAX_VALUE));
        assertEquals(INTERVAL, limiter.tryReserve(Long.MAX_VALUE));
        assertEquals(2 * INTERVAL, limiter.tryReserve(Long.MAX_VALUE));
    }

    @Test
    void tryAcquireTakesASlotOnlyWhenOneIsDueSoonEnough() throws Exception {
        final RateLimiter limiter = new RateLimiter(20, now::get);
        assertTrue(limiter.tryAcquire(0), "the first slot is now");
        assertFalse(limiter.tryAcquire(INTERVAL - 1), "the next is one interval away");
        assertEquals(INTERVAL, limiter.tryReserve(Long.MAX_VALUE), "a refused try took no slot");
        now.addAndGet(2 * INTERVAL);
        assertTrue(limiter.tryAcquire(0));
    }

    @Test
    void hasSlotWithinLooksWithoutTaking() {
        final RateLimiter limiter = new RateLimiter(20, now::get);
        assertTrue(limiter.hasSlotWithin(0));
        assertTrue(limiter.hasSlotWithin(0), "looking took nothing");
        assertEquals(0, limiter.tryReserve(0));
        assertFalse(limiter.hasSlotWithin(INTERVAL - 1));
        assertTrue(limiter.hasSlotWithin(INTERVAL));
        now.addAndGet(INTERVAL);
        assertTrue(limiter.hasSlotWithin(0));
    }

    @Test
    void eachNodeTakesItsShareOfTheAccountsQuotaAsNodesComeAndGo() {
        final AtomicInteger nodes = new AtomicInteger(1);
        final RateLimiter limiter = new RateLimiter(20, nodes::get, now::get);
        assertEquals(20.0, limiter.permitsPerSecond());
        assertEquals(0, limiter.tryReserve(Long.MAX_VALUE));
        assertEquals(INTERVAL, limiter.tryReserve(Long.MAX_VALUE));

        nodes.set(2);
        assertEquals(10.0, limiter.permitsPerSecond());
        assertEquals(2, limiter.sharingNodes());
        // the slot already promised stands; from there on they are spaced for 10 calls/s
        assertEquals(2 * INTERVAL, limiter.tryReserve(Long.MAX_VALUE));
        assertEquals(4 * INTERVAL, limiter.tryReserve(Long.MAX_VALUE));

        nodes.set(0);
        assertEquals(1, limiter.sharingNodes(), "never fewer than this node");
        assertEquals(20.0, limiter.permitsPerSecond());
    }

    @Test
    void savesNoBurstCreditWhileIdle() {
        final RateLimiter limiter = new RateLimiter(20, now::get);
        limiter.tryReserve(Long.MAX_VALUE);
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertEquals(0, limiter.tryReserve(Long.MAX_VALUE));
        assertEquals(INTERVAL, limiter.tryReserve(Long.MAX_VALUE));
    }

    @Test
    void twentyPerSecondAdmitsTwentyCallsPerSecond() {
        final RateLimiter limiter = new RateLimiter(20, now::get);
        final long start = now.get();
        long lastSlot = 0;
        for (int i = 0; i < 200; i++) {
            lastSlot = now.get() + limiter.tryReserve(Long.MAX_VALUE) - start;
        }
        // the 200th call starts 199 intervals after the first: 9.95 s for 200 calls
        assertEquals(199 * INTERVAL, lastSlot);
    }

    @Test
    void rejectsNonPositiveRates() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, () -> 1));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(-1, () -> 1));
    }
}

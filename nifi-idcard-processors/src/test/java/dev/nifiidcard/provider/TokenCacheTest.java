package dev.nifiidcard.provider;

import dev.nifiidcard.testing.ManualClock;
import dev.nifiidcard.ocr.IdCardOcrException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenCacheTest {

    private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");

    @Test
    void keepsTheCredentialUntilShortlyBeforeItExpires() throws Exception {
        final ManualClock clock = new ManualClock(T0);
        final AtomicInteger fetches = new AtomicInteger();
        final TokenCache<String> cache = new TokenCache<>("access token", () -> new TokenCache.Expiring<>("token-" + fetches.incrementAndGet(),
                clock.instant().plusSeconds(7200)), Duration.ofMinutes(5), clock);

        assertEquals("token-1", cache.current());
        clock.setSinceStart(Duration.ofMinutes(114));
        assertEquals("token-1", cache.current(), "still 6 minutes left");
        clock.setSinceStart(Duration.ofMinutes(116));
        assertEquals("token-2", cache.current(), "within the 5-minute margin: replaced");
        assertEquals(2, fetches.get());
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        final ManualClock clock = new ManualClock(T0);
        final AtomicInteger fetches = new AtomicInteger();
        final CountDownLatch fetchStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final TokenCache<String> cache = new TokenCache<>("access token", () -> {
            fetches.incrementAndGet();
            fetchStarted.countDown();
            await(release);
            return new TokenCache.Expiring<>("shared", clock.instant().plusSeconds(1200));
        }, Duration.ofMinutes(1), clock);

        final ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            final List<Future<String>> results = new ArrayList<>();
            results.add(pool.submit(cache::current));
            assertTrue(fetchStarted.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 7; i++) {
                results.add(pool.submit(cache::current));
            }
            release.countDown();
            for (final Future<String> result : results) {
                assertEquals("shared", result.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fetches.get());
    }

    @Test
    void invalidatingAStaleCredentialTwiceFetchesOnce() throws Exception {
        final AtomicInteger fetches = new AtomicInteger();
        final ManualClock clock = new ManualClock(T0);
        final TokenCache<String> cache = new TokenCache<>("access token", () -> new TokenCache.Expiring<>("token-" + fetches.incrementAndGet(),
                clock.instant().plusSeconds(7200)), Duration.ofMinutes(5), clock);

        final String stale = cache.current();
        cache.renew(stale);
        assertEquals("token-2", cache.current());
        // a second caller refused with the same stale token must not throw away the fresh one
        cache.renew(stale);
        assertEquals("token-2", cache.current());
        assertEquals(2, fetches.get());
    }

    @Test
    void aFailedFetchReachesEveryWaiterAndTheNextCallTriesAgain() throws Exception {
        final AtomicInteger fetches = new AtomicInteger();
        final TokenCache<String> cache = firstFetchThrows(
                new IdCardOcrException("40013", "invalid appid", IdCardOcrException.Category.CREDENTIALS, false), fetches);

        final IdCardOcrException failure = assertThrows(IdCardOcrException.class, cache::current);
        assertEquals("40013", failure.getCode());
        assertEquals("token", cache.current());
        assertEquals(2, fetches.get());
    }

    @Test
    void anErrorThrownByAFetchDoesNotLeaveLaterCallersWaitingForever() throws Exception {
        final AtomicInteger fetches = new AtomicInteger();
        final TokenCache<String> cache = firstFetchThrows(new StackOverflowError("simulated"), fetches);

        assertThrows(StackOverflowError.class, cache::current);
        // the failed fetch is over: the next caller fetches again instead of waiting for it
        assertEquals("token", assertTimeoutPreemptively(Duration.ofSeconds(10), cache::current));
        assertEquals(2, fetches.get());
    }

    /** A cache whose first fetch throws (a refusal or an Error) and whose later fetches issue "token". */
    private static TokenCache<String> firstFetchThrows(final Throwable thrown, final AtomicInteger fetches) {
        final ManualClock clock = new ManualClock(T0);
        return new TokenCache<>("access token", () -> {
            if (fetches.incrementAndGet() == 1) {
                if (thrown instanceof IdCardOcrException refusal) {
                    throw refusal;
                }
                throw (Error) thrown;
            }
            return new TokenCache.Expiring<>("token", clock.instant().plusSeconds(7200));
        }, Duration.ofMinutes(5), clock);
    }

    private static void await(final CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.IdCardOcrException;

import java.time.Duration;

/**
 * What each request to the provider waits for before it is sent: a call of this node's share of the account's quota.
 * It waits only briefly; when no call is free soon it throws {@link #RATE_LIMITED}, nothing is sent, and the caller
 * keeps the image for later rather than holding a thread of NiFi's shared pool.
 */
@FunctionalInterface
public interface Pacer {

    /** The code when the rate limit had no call free soon enough: nothing was sent. */
    String RATE_LIMITED = IdCardOcrException.LOCAL + "RateLimited";

    /** No limit: Verify of a service being configured, which has no limiter of its own yet. */
    Pacer NONE = () -> {
    };

    void awaitSlot() throws IdCardOcrException;

    /** Takes a call of the limiter when one comes within {@code maxWait}; otherwise throws {@link #RATE_LIMITED}. */
    static Pacer of(final RateLimiter limiter, final Duration maxWait) {
        return () -> {
            final boolean acquired;
            try {
                acquired = limiter.tryAcquire(maxWait.toNanos());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IdCardOcrException(IdCardOcrException.LOCAL + "Interrupted", "Interrupted while waiting to call the provider",
                        IdCardOcrException.Category.RATE_LIMITED, true, null, e);
            }
            if (!acquired) {
                throw new IdCardOcrException(RATE_LIMITED, "Max Requests Per Second has no call free within " + maxWait.toMillis()
                        + " ms: the flow is using this node's share of the account's quota", IdCardOcrException.Category.RATE_LIMITED, true);
            }
        };
    }
}

package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.IdCardOcrException;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs provider calls under the service's shared rate limit and retries the retryable failures with backoff.
 * Every provider service uses one, so throttling and retries behave the same whatever the vendor.
 */
public final class ProviderCallExecutor {

    /** One attempt at a provider call; it calls the pacer before each request it sends (a renewal sends two). */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(Pacer pacer) throws IdCardOcrException;
    }

    /** What each request waits for before it is sent: a slot of the shared rate limit. */
    @FunctionalInterface
    public interface Pacer {
        /** No limit: Verify of a service being configured, which has no limiter of its own yet. */
        Pacer NONE = () -> {
        };

        void awaitSlot() throws IdCardOcrException;
    }

    /** Verify's code when the rate limit had no call free soon enough. */
    public static final String RATE_LIMITED = IdCardOcrException.LOCAL + "RateLimited";

    private final RateLimiter rateLimiter;
    private final RetryPolicy retryPolicy;

    public ProviderCallExecutor(final RateLimiter rateLimiter, final RetryPolicy retryPolicy) {
        this.rateLimiter = rateLimiter;
        this.retryPolicy = retryPolicy;
    }

    public <T> T execute(final Attempt<T> attempt) throws IdCardOcrException {
        for (int retry = 0; ; retry++) {
            try {
                return attempt.run(this::acquire);
            } catch (final IdCardOcrException e) {
                if (!retryPolicy.shouldRetry(e, retry)) {
                    throw e;
                }
                pause(retryPolicy.delayMillis(retry), e);
            }
        }
    }

    /**
     * One attempt, without retries, when the rate limit frees a call within {@code maxWait}: Verify's call. Otherwise
     * {@code Local.RateLimited}, and nothing is sent.
     */
    public <T> T once(final Attempt<T> attempt, final Duration maxWait) throws IdCardOcrException {
        return attempt.run(() -> {
            try {
                if (!rateLimiter.tryAcquire(maxWait.toNanos())) {
                    throw new IdCardOcrException(RATE_LIMITED, "Max Requests Per Second leaves no call free within " + maxWait.toMillis()
                            + " ms: the flow is using the account's quota; try again", IdCardOcrException.Category.LOCAL, true);
                }
            } catch (final InterruptedException e) {
                throw interrupted(e);
            }
        });
    }

    private void acquire() throws IdCardOcrException {
        try {
            rateLimiter.acquire();
        } catch (final InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static void pause(final long millis, final IdCardOcrException pending) throws IdCardOcrException {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (final InterruptedException e) {
            final IdCardOcrException interrupted = interrupted(e);
            interrupted.addSuppressed(pending);
            throw interrupted;
        }
    }

    private static IdCardOcrException interrupted(final InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IdCardOcrException(IdCardOcrException.LOCAL + "Interrupted", "Interrupted while waiting to call the provider",
                IdCardOcrException.Category.LOCAL, true, null, e);
    }
}

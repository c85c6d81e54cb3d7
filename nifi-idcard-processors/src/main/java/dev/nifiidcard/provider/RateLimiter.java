package dev.nifiidcard.provider;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces calls evenly at a fixed rate for every thread that shares the instance. No burst credit is saved up
 * while idle, so a provider's per-second quota is never exceeded even across a second boundary.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long nextFreeNanos;

    public RateLimiter(final double permitsPerSecond) {
        this(permitsPerSecond, System::nanoTime);
    }

    RateLimiter(final double permitsPerSecond, final LongSupplier nanoClock) {
        if (!(permitsPerSecond > 0)) {
            throw new IllegalArgumentException("Permits per second must be positive");
        }
        this.intervalNanos = Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / permitsPerSecond));
        this.nanoClock = nanoClock;
        this.nextFreeNanos = nanoClock.getAsLong();
    }

    /** Blocks until the caller may make its call. */
    public void acquire() throws InterruptedException {
        final long waitNanos = reserve();
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    /**
     * Waits for a slot only when one comes within {@code maxWaitNanos}; otherwise takes none and returns false. For
     * Verify, which runs on a web request's thread, never on a processor's.
     */
    public boolean tryAcquire(final long maxWaitNanos) throws InterruptedException {
        final long waitNanos;
        synchronized (this) {
            final long now = nanoClock.getAsLong();
            final long slot = Math.max(now, nextFreeNanos);
            if (slot - now > maxWaitNanos) {
                return false;
            }
            nextFreeNanos = slot + intervalNanos;
            waitNanos = slot - now;
        }
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
        return true;
    }

    /** Takes the next free slot and returns how long the caller must wait for it, in nanoseconds. */
    synchronized long reserve() {
        final long now = nanoClock.getAsLong();
        final long slot = Math.max(now, nextFreeNanos);
        nextFreeNanos = slot + intervalNanos;
        return slot - now;
    }
}

package dev.nifiidcard.provider;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Spaces calls evenly for every thread that shares the instance. The rate is the account's quota divided among the
 * nodes that share it (a provider's quota belongs to the account, not to a NiFi node), recomputed whenever the number
 * of nodes changes. No burst credit is saved up while idle, so the quota is never exceeded across a second boundary.
 * A caller waits only for a slot due within a bound it chooses, so callers never queue up behind each other.
 */
public final class RateLimiter {

    private final double accountPermitsPerSecond;
    private final IntSupplier nodes;
    private final LongSupplier nanoClock;
    private int sharingNodes;
    private long intervalNanos;
    private long nextFreeNanos;

    /**
     * @param accountPermitsPerSecond the account's quota
     * @param nodes                   how many nodes share it now, read at every call (at least 1 is used)
     */
    public RateLimiter(final double accountPermitsPerSecond, final IntSupplier nodes) {
        this(accountPermitsPerSecond, nodes, System::nanoTime);
    }

    RateLimiter(final double accountPermitsPerSecond, final IntSupplier nodes, final LongSupplier nanoClock) {
        if (!(accountPermitsPerSecond > 0)) {
            throw new IllegalArgumentException("Permits per second must be positive");
        }
        this.accountPermitsPerSecond = accountPermitsPerSecond;
        this.nodes = nodes;
        this.nanoClock = nanoClock;
        this.nextFreeNanos = nanoClock.getAsLong();
        share();
    }

    RateLimiter(final double permitsPerSecond, final LongSupplier nanoClock) {
        this(permitsPerSecond, () -> 1, nanoClock);
    }

    /** This node's calls per second: the account's quota divided by the nodes that share it. */
    public synchronized double permitsPerSecond() {
        share();
        return accountPermitsPerSecond / sharingNodes;
    }

    /** How many nodes the quota is divided among now. */
    public synchronized int sharingNodes() {
        share();
        return sharingNodes;
    }

    /** Re-reads the number of nodes; a change takes effect from the next slot on. */
    private void share() {
        final int now = Math.max(1, nodes.getAsInt());
        if (now != sharingNodes) {
            sharingNodes = now;
            intervalNanos = Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) * now / accountPermitsPerSecond));
        }
    }

    /**
     * Takes a slot only when one comes within {@code maxWaitNanos}, and then waits for it: the wait is bounded by the
     * caller, never by the queue of other callers. Otherwise takes none and returns false at once.
     */
    public boolean tryAcquire(final long maxWaitNanos) throws InterruptedException {
        final long waitNanos = tryReserve(maxWaitNanos);
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
        return waitNanos >= 0;
    }

    /** Whether the next free slot is due within {@code maxWaitNanos}, without taking it. */
    public synchronized boolean hasSlotWithin(final long maxWaitNanos) {
        share();
        return nextFreeNanos - nanoClock.getAsLong() <= maxWaitNanos;
    }

    /** Takes the next free slot when it is due within {@code maxWaitNanos}: how long until it, or -1 when none is. */
    synchronized long tryReserve(final long maxWaitNanos) {
        share();
        final long now = nanoClock.getAsLong();
        final long slot = Math.max(now, nextFreeNanos);
        if (slot - now > maxWaitNanos) {
            return -1;
        }
        nextFreeNanos = slot + intervalNanos;
        return slot - now;
    }
}

package dev.nifiidcard.bench;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stalls of the whole JVM while it runs (as jHiccup measures them): a thread of maximum priority sleeps 1 ms again
 * and again; when it wakes at least {@link #THRESHOLD_NANOS} late, the time it should have been awake is a stall: a GC
 * pause, the machine giving this process no CPU, or the virtual machine itself not running.
 */
final class Stalls implements AutoCloseable {

    static final long THRESHOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** From when the sleeper was due to wake until it did. */
    record Stall(long fromNanos, long toNanos) {
        long nanos() {
            return toNanos - fromNanos;
        }

        /** How much of this stall fell inside [from, to). */
        long inside(final long from, final long to) {
            return Math.max(0, Math.min(to, toNanos) - Math.max(from, fromNanos));
        }
    }

    private final ConcurrentLinkedQueue<Stall> stalls = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private final Thread sleeper;

    Stalls() {
        sleeper = Thread.ofPlatform().daemon().name("bench-stall-meter").priority(Thread.MAX_PRIORITY).start(() -> {
            while (running) {
                final long before = System.nanoTime();
                LockSupport.parkNanos(TICK_NANOS);
                final long after = System.nanoTime();
                if (after - before - TICK_NANOS >= THRESHOLD_NANOS) {
                    stalls.add(new Stall(before + TICK_NANOS, after));
                }
            }
        });
    }

    List<Stall> stalls() {
        return List.copyOf(stalls);
    }

    /** The stalled time inside [from, to). */
    static long inside(final List<Stall> stalls, final long from, final long to) {
        return stalls.stream().mapToLong(s -> s.inside(from, to)).sum();
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(sleeper);
    }
}

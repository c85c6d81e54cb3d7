package dev.nifiidcard.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The measurements; {@code SdkBenchmark} repeats them line for line in the SDK's JVM. */
final class Measure {

    interface Call {
        void run() throws Exception;
    }

    /** One thread's figures per call, after warm-up. */
    record Single(long allocatedBytes, long medianNanos, long p99Nanos, long cpuNanos) {

        static Single parse(final String[] fields, final int from) {
            return new Single(Long.parseLong(fields[from]), Long.parseLong(fields[from + 1]),
                    Long.parseLong(fields[from + 2]), Long.parseLong(fields[from + 3]));
        }
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Measure() {
    }

    /** Allocation and CPU time on the calling thread (ThreadMXBean), latency by System.nanoTime, after warm-up calls. */
    static Single single(final Call call, final int warmup, final int iterations) throws Exception {
        final long id = Thread.currentThread().threadId();
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        final long[] latencies = new long[iterations];
        final long allocBefore = THREADS.getThreadAllocatedBytes(id);
        final long cpuBefore = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < iterations; i++) {
            final long start = System.nanoTime();
            call.run();
            latencies[i] = System.nanoTime() - start;
        }
        final long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
        final long alloc = THREADS.getThreadAllocatedBytes(id) - allocBefore;
        Arrays.sort(latencies);
        return new Single(alloc / iterations, latencies[iterations / 2],
                latencies[Math.min(iterations - 1, (int) Math.ceil(iterations * 0.99) - 1)], cpu / iterations);
    }

    /** Completed calls per second with the given number of threads calling in a loop, after one second of warm-up. */
    static double throughput(final Call call, final int callers, final long seconds) throws Exception {
        return paced(() -> {
            call.run();
            return true;
        }, callers, seconds, 0).completedPerSecond();
    }

    /** One try of a call that a rate limit may refuse before sending anything. */
    interface Attempt {
        /** True when the call completed; false when it was not sent (the rate limit had no call free). */
        boolean tryRun() throws Exception;
    }

    /** Calls completed, and tries not sent, per second. */
    record Rate(double completedPerSecond, double notSentPerSecond) {
    }

    /**
     * Like {@link #throughput}, for calls a rate limit may refuse: a caller refused pauses {@code pauseMillis} (as the
     * processor yields) and tries again; only completed calls count.
     */
    static Rate paced(final Attempt attempt, final int callers, final long seconds, final long pauseMillis) throws Exception {
        final AtomicBoolean measuring = new AtomicBoolean();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong done = new AtomicLong();
        final AtomicLong notSent = new AtomicLong();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final CountDownLatch finished = new CountDownLatch(callers);
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (!stop.get()) {
                        final boolean completed = attempt.tryRun();
                        if (measuring.get()) {
                            (completed ? done : notSent).incrementAndGet();
                        }
                        if (!completed && pauseMillis > 0) {
                            Thread.sleep(pauseMillis);
                        }
                    }
                } catch (final Exception e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            }));
        }
        Thread.sleep(1000);
        measuring.set(true);
        final long start = System.nanoTime();
        Thread.sleep(seconds * 1000);
        final long count = done.get();
        final long refused = notSent.get();
        final long elapsed = System.nanoTime() - start;
        stop.set(true);
        finished.await();
        if (failure.get() != null) {
            throw new IllegalStateException("a caller failed", failure.get());
        }
        return new Rate(count * 1e9 / elapsed, refused * 1e9 / elapsed);
    }

    /** The value at quantile q (0..1] of sorted values: the smallest value with at least q of them at or below it. */
    static long quantile(final long[] sorted, final double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(sorted.length * q) - 1))];
    }
}

package dev.nifiidcard.testing;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What code allocates on the calling thread, from the JVM's per-thread allocation counter. */
public final class ThreadAllocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A call's result and the bytes it allocated on the calling thread. */
    public record Measured<T>(T result, long allocated) {

        /** The streaming guard: the call allocated far less than the image it sent, under a tenth of it. */
        public void assertFarLessThan(final byte[] image) {
            assertTrue(allocated < image.length / 10, "allocated " + allocated + " bytes for a " + image.length + "-byte image");
        }
    }

    private ThreadAllocation() {
    }

    /** Bytes allocated by the calling thread so far. */
    public static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Runs the call on this thread and counts what it allocated here. */
    public static <T> Measured<T> measure(final Callable<T> call) throws Exception {
        final long before = allocatedBytes();
        final T result = call.call();
        return new Measured<>(result, allocatedBytes() - before);
    }
}

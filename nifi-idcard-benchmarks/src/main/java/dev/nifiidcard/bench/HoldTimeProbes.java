package dev.nifiidcard.bench;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.util.MockProcessSession;

import java.io.InputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The timing of {@link HoldTimeBenchmark}: the processor and the service, subclassed only to read the clock around
 * what they do. Both run on the trigger's thread, so the service hands its figures to the processor in a thread local.
 */
final class HoldTimeProbes {

    private HoldTimeProbes() {
    }

    /** What one onTrigger did. */
    enum Kind {
        /** The endpoint answered the card. */
        SENT_CARD,
        /** The endpoint answered something else (here: RequestLimitExceeded, so the FlowFile went to retry). */
        SENT_REFUSED,
        /** The rate limit had no call free within its wait: nothing sent, the session rolled back, the processor yielded. */
        RATE_LIMITED,
        /** The service was not called: no FlowFile was queued. */
        NO_CALL
    }

    /**
     * One onTrigger: how long it held its thread; for a recognition, the time before the service was called, how long
     * it waited for the rate limit (from the call until the service first touched the image, which it does only once
     * it has a call), the request's round trip (from then until the answer was read, signing and hashing included) and
     * the time after the service returned; how long its thread waited for a CPU (-1: unknown).
     */
    record Trigger(long startNanos, long holdNanos, Kind kind, long beforeCallNanos, long permitWaitNanos, long requestNanos,
                   long afterCallNanos, boolean rolledBack, long runQueueNanos) {

        static Trigger of(final long start, final long end, final Kind kind, final Call call, final boolean rolledBack, final long runQueue) {
            if (call == null) {
                return new Trigger(start, end - start, kind, 0, 0, 0, 0, rolledBack, runQueue);
            }
            final long permitted = call.touched != 0 ? call.touched : call.left;
            return new Trigger(start, end - start, kind, call.entered - start, permitted - call.entered, call.left - permitted,
                    end - call.left, rolledBack, runQueue);
        }
    }

    private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");

    /**
     * How long the calling thread has waited on a run queue, runnable but without a CPU (Linux schedstat's second
     * field, in nanoseconds), or -1 where that is not readable.
     */
    static long runQueueNanos() {
        try {
            return Long.parseLong(Files.readString(SCHEDSTAT).trim().split(" ")[1]);
        } catch (final IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The times of the current thread's last recognition. */
    static final class Call {
        final long entered = System.nanoTime();
        long touched;
        long left;
        IdCardOcrException failure;
    }

    private static final ThreadLocal<Call> LAST = new ThreadLocal<>();

    /** The Tencent service, timing each recognition of the calling thread. */
    static final class TimedService extends TencentCloudIdCardOcrService {
        @Override
        public IdCardRecognition recognize(final ImageSource image, final RecognitionRequest request) throws IdCardOcrException {
            final Call call = new Call();
            LAST.set(call);
            try {
                return super.recognize(touching(image, call), request);
            } catch (final IdCardOcrException e) {
                call.failure = e;
                throw e;
            } finally {
                call.left = System.nanoTime();
            }
        }

        /** The image, noting when the service first asks anything of it: after the rate limit gave it a call. */
        private static ImageSource touching(final ImageSource image, final Call call) {
            return new ImageSource() {
                @Override
                public long length() {
                    touch();
                    return image.length();
                }

                @Override
                public InputStream open() throws IOException {
                    touch();
                    return image.open();
                }

                private void touch() {
                    if (call.touched == 0) {
                        call.touched = System.nanoTime();
                    }
                }
            };
        }
    }

    /**
     * The processor, timing every {@code onTrigger(context, session)} it runs. With {@code honourYield}, a trigger that
     * starts while the processor is yielded first sleeps until the yield ends, outside the measured time, as NiFi would
     * not have scheduled it before (nifi-mock ignores yield); without, it runs at once, as nifi-mock does.
     */
    static final class TimedProcessor extends SignAndRecognizeIdCard {
        private final ConcurrentLinkedQueue<Trigger> triggers = new ConcurrentLinkedQueue<>();
        private final long yieldNanos;
        private volatile long yieldedUntil;

        /** @param yieldNanos how long a yield lasts, 0 to ignore yields */
        TimedProcessor(final long yieldNanos) {
            this.yieldNanos = yieldNanos;
            this.yieldedUntil = System.nanoTime();
        }

        ConcurrentLinkedQueue<Trigger> triggers() {
            return triggers;
        }

        @Override
        public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
            if (yieldNanos > 0) {
                final long wait = yieldedUntil - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (final InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            LAST.remove();
            final long queuedBefore = runQueueNanos();
            final long start = System.nanoTime();
            try {
                super.onTrigger(context, session);
            } finally {
                final long end = System.nanoTime();
                final long queuedAfter = runQueueNanos();
                final Call call = LAST.get();
                final Kind kind = kind(call);
                boolean rolledBack = false;
                if (kind == Kind.RATE_LIMITED) {
                    rolledBack = rolledBack(session);
                    if (yieldNanos > 0) {
                        yieldedUntil = System.nanoTime() + yieldNanos;
                    }
                }
                triggers.add(Trigger.of(start, end, kind, call, rolledBack, queuedBefore < 0 || queuedAfter < 0 ? -1 : queuedAfter - queuedBefore));
            }
        }

        private static Kind kind(final Call call) {
            if (call == null) {
                return Kind.NO_CALL;
            }
            if (call.failure == null) {
                return Kind.SENT_CARD;
            }
            return call.failure.getCategory() == IdCardOcrException.Category.RATE_LIMITED ? Kind.RATE_LIMITED : Kind.SENT_REFUSED;
        }

        private static boolean rolledBack(final ProcessSession session) {
            try {
                ((MockProcessSession) session).assertRolledBack();
                return true;
            } catch (final AssertionError | ClassCastException e) {
                return false;
            }
        }
    }
}

package dev.nifiidcard.camera.grab;

import dev.nifiidcard.camera.Frame;
import dev.nifiidcard.camera.FrameQueue;
import dev.nifiidcard.commons.JitteredBackoff;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The background reader of a push backend: runs one capture session after another on a daemon thread, with backoff
 * between them, until stopped. Frames reach {@link #next()} through a small queue that hands over the newest; a session's failure
 * reaches it once, so that the processor can report a camera that keeps failing without being flooded, together with
 * the other reasons since the last frame.
 */
final class ReaderLoop {

    /** One connection or process: offers frames until its source ends (returns) or fails (throws). */
    interface Session {
        void run() throws IOException;
    }

    /** Between sessions: 500 ms doubling to 30 s, so that a camera that is down is not hammered. */
    static final JitteredBackoff RECONNECT_BACKOFF = new JitteredBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    private static final int QUEUE_CAPACITY = 3;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final FrameQueue frames = new FrameQueue(QUEUE_CAPACITY);
    private final RecentFailures failures = new RecentFailures();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final JitteredBackoff.Failures backoff;
    private final Session session;
    private final Thread thread;
    private volatile boolean finished;

    ReaderLoop(final String threadName, final JitteredBackoff backoff, final Session session) {
        this.backoff = backoff.failures();
        this.session = session;
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** For sessions: the source has ended for good (a file played once); no session is started after this one. */
    void finish() {
        finished = true;
    }

    /** For sessions: hands a frame over and, since the source works, resets the backoff. */
    void offer(final Frame frame) {
        frames.offer(frame);
        backoff.reset();
        failures.clear();
    }

    boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** The newest waiting frame; else the last failure, once, with the other reasons since the last frame; else {@code null}. */
    Frame next() throws IOException {
        final Frame frame = frames.poll();
        if (frame != null) {
            return frame;
        }
        final IOException failed = failures.takeUnreported();
        if (failed != null) {
            throw failed;
        }
        return null;
    }

    long takeDroppedCount() {
        return frames.takeDroppedCount();
    }

    /**
     * Stops the loop and joins its thread, within a bound. {@code abortSession} must make a running session return or
     * throw (cancel its call, end its process): interrupting a thread blocked on a socket or pipe does nothing.
     */
    void stop(final Runnable abortSession) {
        stopped.countDown();
        abortSession.run();
        try {
            thread.join(JOIN_TIMEOUT);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!isStopped()) {
            try {
                session.run();
            } catch (final IOException | RuntimeException e) {
                if (!isStopped()) {
                    failures.add(e instanceof IOException io ? io : new IOException(e.toString(), e));
                }
            }
            if (finished) {
                return;
            }
            try {
                if (stopped.await(backoff.nextDelay().toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (final InterruptedException e) {
                return;
            }
        }
    }
}

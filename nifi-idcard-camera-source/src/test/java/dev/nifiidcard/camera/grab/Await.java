package dev.nifiidcard.camera.grab;

import dev.nifiidcard.camera.Frame;
import dev.nifiidcard.camera.FrameGrabber;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for conditions on a backend's background thread, up to a generous bound; never for a fixed time. */
final class Await {

    private static final Duration LIMIT = Duration.ofSeconds(15);
    private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();

    private Await() {
    }

    static void until(final String what, final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up waiting: " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * The frames the grabber hands over until it hands over {@code last}: the newest waiting each time, so a subsequence
     * of what the camera sent, ending with {@code last}. The failures it reports meanwhile are added to {@code failures}.
     */
    static List<byte[]> framesUntil(final FrameGrabber grabber, final byte[] last, final List<IOException> failures) {
        final List<byte[]> frames = new ArrayList<>();
        until("the frame sent last", () -> {
            final Frame frame = frame(grabber, failures);
            frames.add(frame.bytes());
            return Arrays.equals(last, frame.bytes());
        });
        return frames;
    }

    /** The grabber's next frame; the failures it reports meanwhile are added to {@code failures}. */
    static Frame frame(final FrameGrabber grabber, final List<IOException> failures) {
        final Frame[] frame = new Frame[1];
        until("a frame", () -> {
            try {
                frame[0] = grabber.next();
            } catch (final IOException e) {
                failures.add(e);
            }
            return frame[0] != null;
        });
        return frame[0];
    }
}

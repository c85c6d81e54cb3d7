package dev.nifiidcard.camera;

import java.io.Closeable;
import java.io.IOException;

/**
 * A camera backend. Pull backends (HTTP snapshot, specimen) capture inside {@link #next()}; push backends (MJPEG,
 * FFmpeg) run a background reader from {@link #start()} that fills a {@link FrameQueue}, and {@link #next()} takes
 * from it.
 */
public interface FrameGrabber extends Closeable {

    /** Starts background capture, if the backend has any. Called once, before the first {@link #next()}. */
    default void start() throws IOException {
    }

    /** The next frame to consider, or {@code null} when none is ready now. */
    Frame next() throws IOException;

    /** Frames dropped since the last call because they arrived faster than they were taken. */
    default long takeDroppedCount() {
        return 0;
    }

    /** Frames skipped since the last call because they were larger than Max Frame Size. */
    default long takeOversizedCount() {
        return 0;
    }

    /** Stops background capture and releases every thread, socket and process. Idempotent; never throws. */
    @Override
    void close();
}

package dev.nifiidcard.camera;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small bounded hand-over between a background reader and the processor. When the processor falls behind, the
 * oldest frame is dropped (a camera frame is only worth its freshness) and the drop is counted.
 */
public final class FrameQueue {

    private final int capacity;
    private final ArrayDeque<Frame> frames;
    private final AtomicLong dropped = new AtomicLong();

    public FrameQueue(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.frames = new ArrayDeque<>(capacity);
    }

    /** Adds a frame, dropping the oldest one when full. */
    public void offer(final Frame frame) {
        synchronized (frames) {
            if (frames.size() == capacity) {
                frames.pollFirst();
                dropped.incrementAndGet();
            }
            frames.addLast(frame);
        }
    }

    /** The oldest frame, or {@code null} when empty; never blocks. */
    public Frame poll() {
        synchronized (frames) {
            return frames.pollFirst();
        }
    }

    public int size() {
        synchronized (frames) {
            return frames.size();
        }
    }

    /** Drops counted since the last call. */
    public long takeDroppedCount() {
        return dropped.getAndSet(0);
    }
}

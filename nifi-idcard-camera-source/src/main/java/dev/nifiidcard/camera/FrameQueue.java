package dev.nifiidcard.camera;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small bounded hand-over between a background reader and the processor. A camera frame is only worth its
 * freshness: {@link #poll()} hands over the newest frame and drops the older ones waiting, and a full queue drops its
 * oldest; every drop is counted.
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

    /**
     * The newest frame, or {@code null} when empty; never blocks. The older ones are dropped rather than kept for
     * later: handed over afterwards they would be older than the frame already analysed, and the gate wants the
     * frames in order and fresh.
     */
    public Frame poll() {
        synchronized (frames) {
            final Frame newest = frames.pollLast();
            dropped.addAndGet(frames.size());
            frames.clear();
            return newest;
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

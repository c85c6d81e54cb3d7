package dev.nifiidcard.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The demo's notion of time: the wall clock for a real run, a clock a test advances for a deterministic one. */
public interface Pacing {

    Instant now();

    /** Waits until one frame interval after the previous tick (no longer, if processing took part of it). */
    void awaitNextTick(Duration interval) throws InterruptedException;

    static Pacing realTime() {
        return new Pacing() {
            private long nextTickNanos = System.nanoTime();

            @Override
            public Instant now() {
                return Clock.systemUTC().instant();
            }

            @Override
            public void awaitNextTick(final Duration interval) throws InterruptedException {
                // frame pacing, not synchronization: GetCameraImage analyses at most Frames Per Second anyway
                nextTickNanos = Math.max(nextTickNanos + interval.toNanos(), System.nanoTime());
                final long waitNanos = nextTickNanos - System.nanoTime();
                if (waitNanos > 0) {
                    Thread.sleep(Duration.ofNanos(waitNanos));
                }
            }
        };
    }
}

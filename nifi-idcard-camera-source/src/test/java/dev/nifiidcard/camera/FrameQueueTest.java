package dev.nifiidcard.camera;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FrameQueueTest {

    @Test
    void dropsTheOldestWhenFullAndCountsIt() {
        final FrameQueue queue = new FrameQueue(2);
        final Frame first = frame(1);
        final Frame second = frame(2);
        final Frame third = frame(3);
        queue.offer(first);
        queue.offer(second);
        queue.offer(third);

        assertEquals(2, queue.size());
        assertEquals(1, queue.takeDroppedCount());
        assertEquals(0, queue.takeDroppedCount(), "the count is taken once");
        assertEquals(third, queue.poll(), "the newest");
        assertNull(queue.poll());
        assertEquals(1, queue.takeDroppedCount(), "the older frame left behind is dropped");
    }

    /** Issue 13, finding 7: the gate sees the newest of the frames that arrived meanwhile, not one 2-3 frames old. */
    @Test
    void handsOverTheNewestFrameAndDropsTheOlderOnes() {
        final FrameQueue queue = new FrameQueue(3);
        for (int n = 1; n <= 5; n++) {
            queue.offer(frame(n));
        }

        assertEquals(frame(5).timestamp(), queue.poll().timestamp());
        assertNull(queue.poll(), "no older frame is handed over after a newer one");
        assertEquals(4, queue.takeDroppedCount(), "2 dropped when full, 2 left behind by the newest");
    }

    private static Frame frame(final int n) {
        return Frame.jpeg(new byte[] {(byte) n}, Instant.ofEpochSecond(n));
    }
}

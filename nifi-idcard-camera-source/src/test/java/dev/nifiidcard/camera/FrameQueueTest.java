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
        assertEquals(second, queue.poll());
        assertEquals(third, queue.poll());
        assertNull(queue.poll());
    }

    private static Frame frame(final int n) {
        return Frame.jpeg(new byte[] {(byte) n}, Instant.ofEpochSecond(n));
    }
}

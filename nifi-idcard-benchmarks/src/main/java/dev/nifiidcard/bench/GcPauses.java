package dev.nifiidcard.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The stop-the-world GC pauses of this JVM while recording, on the System.nanoTime scale (from the GC's millisecond
 * times since JVM start), so that a measured interval can be checked for a pause inside it. Concurrent GC work is
 * left out: it does not stop the application's threads.
 */
final class GcPauses implements AutoCloseable, NotificationListener {

    record Pause(long startNanos, long endNanos) {
        boolean overlaps(final long from, final long to) {
            return startNanos < to && endNanos > from;
        }
    }

    private final ConcurrentLinkedQueue<Pause> pauses = new ConcurrentLinkedQueue<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    /** System.nanoTime at JVM start, as near as the two clocks can be lined up. */
    private final long jvmStartNanos = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;

    GcPauses() {
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    @Override
    public void handleNotification(final Notification notification, final Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        final GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (info.getGcName().contains("Concurrent") || info.getGcCause().contains("No GC")) {
            return;
        }
        // the GC reports milliseconds since JVM start: widen by 1 ms at each end for the rounding
        final long start = jvmStartNanos + (info.getGcInfo().getStartTime() - 1) * 1_000_000L;
        final long end = jvmStartNanos + (info.getGcInfo().getEndTime() + 1) * 1_000_000L;
        pauses.add(new Pause(start, end));
    }

    List<Pause> pauses() {
        return List.copyOf(pauses);
    }

    @Override
    public void close() {
        for (final NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (final ListenerNotFoundException e) {
                // already gone
            }
        }
    }
}

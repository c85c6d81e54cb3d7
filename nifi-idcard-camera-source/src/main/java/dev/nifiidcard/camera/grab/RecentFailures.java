package dev.nifiidcard.camera.grab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The distinct reasons a source failed since it last delivered a frame, so that a report names the real cause: a
 * camera that answers with the wrong content type and then refuses connections would otherwise show only "failed to
 * connect". Bounded: the first reason and the latest few distinct ones are kept. Thread-safe.
 */
final class RecentFailures {

    private static final int MAX_REASONS = 3;

    private final List<String> reasons = new ArrayList<>(MAX_REASONS);
    private IOException unreported;

    /** Records a failure, to be reported once. */
    synchronized void add(final IOException failure) {
        final String reason = String.valueOf(failure.getMessage());
        reasons.remove(reason);
        if (reasons.size() == MAX_REASONS) {
            // keep the first: it is often the cause of what follows
            reasons.remove(1);
        }
        reasons.add(reason);
        unreported = failure;
    }

    /** The source works again: earlier reasons no longer explain anything. */
    synchronized void clear() {
        reasons.clear();
    }

    /** The latest failure not yet reported, with the other reasons since the last frame in its message; else null. */
    synchronized IOException takeUnreported() {
        final IOException latest = unreported;
        unreported = null;
        if (latest == null) {
            return null;
        }
        final List<String> others = new ArrayList<>(reasons);
        others.remove(String.valueOf(latest.getMessage()));
        final String message = others.isEmpty()
                ? latest.getMessage()
                : latest.getMessage() + " (also since the last frame: " + String.join("; ", others) + ")";
        return new IOException(message, latest);
    }
}

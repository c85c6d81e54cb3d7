package dev.nifiidcard.camera;

import dev.nifiidcard.camera.grab.EndOfInputException;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How GetCameraImage tells its users that capture failed: every failure counted, each reason warned (a bulletin), the
 * same reason again only once a minute, so that a snapshot camera refusing every request does not flood the bulletin
 * board. The end of a file played once is its end, not a failure.
 */
final class CaptureFailures {

    static final String CAPTURE_FAILURES = "Capture Failures";
    /** How often the same reason is warned again: as often as oversized frames are. */
    static final Duration REPEATED_WARNING = SkippedFrames.WARNING_PERIOD;

    private final ComponentLog log;
    private final String maskedSource;
    private final Clock clock;
    private String lastReason;
    private Instant lastWarnedAt = Instant.MIN;

    CaptureFailures(final ComponentLog log, final String maskedSource, final Clock clock) {
        this.log = log;
        this.maskedSource = maskedSource;
        this.clock = clock;
    }

    synchronized void failed(final ProcessSession session, final IOException e) {
        final String reason = SourceMasker.mask(e.getMessage());
        if (EndOfInputException.isEnd(e)) {
            log.warn("Capture from {} ended: {}", maskedSource, reason);
            return;
        }
        session.adjustCounter(CAPTURE_FAILURES, 1, false);
        final Instant now = clock.instant();
        if (!reason.equals(lastReason) || !now.isBefore(lastWarnedAt.plus(REPEATED_WARNING))) {
            lastReason = reason;
            lastWarnedAt = now;
            log.warn("Capture from {} failed: {}", maskedSource, reason);
        }
    }

    /** A frame arrived: the next failure is news again. */
    synchronized void recovered() {
        lastReason = null;
    }
}

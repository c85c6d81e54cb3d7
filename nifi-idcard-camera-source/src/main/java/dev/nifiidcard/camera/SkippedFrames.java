package dev.nifiidcard.camera;

import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;

import java.time.Duration;
import java.time.Instant;

/**
 * Reports the frames a camera backend skipped: drops (the processor fell behind) in a counter, and frames over Max
 * Frame Size in a counter and a warning, at most one per period so that a camera sending only oversized frames is
 * noticed without flooding the bulletin board.
 */
final class SkippedFrames {

    static final String FRAMES_DROPPED = "Frames Dropped";
    static final String FRAMES_OVERSIZED = "Frames Over Max Frame Size";
    static final Duration WARNING_PERIOD = Duration.ofMinutes(1);

    private final ComponentLog log;
    private final String maskedSource;
    private final String maxFrameSize;
    private long oversizedSinceWarning;
    private Instant lastWarning;

    SkippedFrames(final ComponentLog log, final String maskedSource, final String maxFrameSize) {
        this.log = log;
        this.maskedSource = maskedSource;
        this.maxFrameSize = maxFrameSize;
    }

    /** Takes the grabber's counts into the session's counters, and warns when oversized frames are due a warning. */
    void report(final ProcessSession session, final FrameGrabber grabber, final Instant now) {
        final long dropped = grabber.takeDroppedCount();
        if (dropped > 0) {
            session.adjustCounter(FRAMES_DROPPED, dropped, false);
        }
        final long oversized = grabber.takeOversizedCount();
        if (oversized > 0) {
            session.adjustCounter(FRAMES_OVERSIZED, oversized, false);
            oversizedSinceWarning += oversized;
        }
        if (oversizedSinceWarning > 0 && (lastWarning == null || !now.isBefore(lastWarning.plus(WARNING_PERIOD)))) {
            log.warn("{} frame(s) from {} were larger than Max Frame Size ({}) and skipped: raise Max Frame Size or lower "
                    + "the camera's resolution or JPEG quality", oversizedSinceWarning, maskedSource, maxFrameSize);
            oversizedSinceWarning = 0;
            lastWarning = now;
        }
    }
}

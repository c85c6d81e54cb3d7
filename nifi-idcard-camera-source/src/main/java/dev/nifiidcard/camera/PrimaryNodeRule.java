package dev.nifiidcard.camera;

import dev.nifiidcard.camera.grab.FfmpegCommand;
import org.apache.nifi.controller.NodeTypeProvider;
import org.apache.nifi.logging.ComponentLog;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A network camera (IP snapshot, MJPEG stream, RTSP) is one camera for the whole cluster: read by N nodes it would
 * emit every card N times and cost N OCR calls, so only the primary node reads it. A local camera (a V4L2 device, a
 * video file, the specimen) belongs to its node and is read on every node.
 */
final class PrimaryNodeRule {

    static final String ADVICE = "runs on the primary node only: set Execution to Primary node";

    private final boolean networkCamera;
    private final AtomicBoolean warned = new AtomicBoolean();

    PrimaryNodeRule(final CaptureMode mode, final String source) {
        this.networkCamera = isNetworkCamera(mode, source);
    }

    static boolean isNetworkCamera(final CaptureMode mode, final String source) {
        return switch (mode) {
            case HTTP_SNAPSHOT, MJPEG_STREAM -> true;
            case FFMPEG -> FfmpegCommand.forSource(source.trim()).build().input() == FfmpegCommand.Input.RTSP;
            case SPECIMEN -> false;
        };
    }

    boolean networkCamera() {
        return networkCamera;
    }

    /** Whether this node reads the camera now; a node configured for a cluster but disconnected from it does not. */
    boolean allows(final NodeTypeProvider node) {
        return !networkCamera || !node.isConfiguredForClustering() || node.isPrimary();
    }

    /** Says once per scheduling, not at every trigger, why this node does not read the camera. */
    void warnOnce(final ComponentLog log, final String maskedSource) {
        if (warned.compareAndSet(false, true)) {
            log.warn("The network camera {} {}; this node, not the primary one, does not read it", maskedSource, ADVICE);
        }
    }
}

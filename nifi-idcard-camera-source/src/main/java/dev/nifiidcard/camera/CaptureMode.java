package dev.nifiidcard.camera;

import org.apache.nifi.components.DescribedValue;

/** Where frames come from. */
public enum CaptureMode implements DescribedValue {
    HTTP_SNAPSHOT("HTTP Snapshot", "One GET per analysed frame on an IP camera's snapshot URL (JPEG). Basic and Digest authentication."),
    MJPEG_STREAM("MJPEG Stream", "A long-lived multipart/x-mixed-replace connection read in the background; reconnects with backoff."),
    FFMPEG("FFmpeg", "Runs the system ffmpeg for RTSP URLs, V4L2 devices such as /dev/video0, and video files; JPEG frames from its output."),
    SPECIMEN("Specimen", "A synthetic camera showing an obviously fake specimen ID card moving into view, pausing and leaving: "
            + "build and test flows without hardware.");

    private final String displayName;
    private final String description;

    CaptureMode(final String displayName, final String description) {
        this.displayName = displayName;
        this.description = description;
    }

    @Override
    public String getValue() {
        return displayName;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }

    /** The lower-case name written as {@code camera.mode}. */
    public String attributeValue() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

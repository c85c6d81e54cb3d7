package dev.nifiidcard.camera;

import dev.nifiidcard.camera.grab.FfmpegCommand;
import dev.nifiidcard.camera.grab.FfmpegGrabber;
import dev.nifiidcard.camera.grab.HttpSnapshotGrabber;
import dev.nifiidcard.camera.grab.MjpegStreamGrabber;
import dev.nifiidcard.camera.specimen.SpecimenCamera;
import dev.nifiidcard.camera.specimen.SpecimenCameraSettings;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.processor.DataUnit;

import java.time.Clock;

/** Builds the backend a Capture Mode names, from GetCameraImage's properties. */
final class GrabberFactory {

    private GrabberFactory() {
    }

    /** The HTTP client of the HTTP modes, or {@code null} for the others; the caller closes it after the grabber. */
    static OkHttpClient httpClient(final CaptureMode mode, final PropertyContext context) {
        if (mode != CaptureMode.HTTP_SNAPSHOT && mode != CaptureMode.MJPEG_STREAM) {
            return null;
        }
        return CameraHttpClient.create(context);
    }

    static FrameGrabber create(final CaptureMode mode, final PropertyContext context, final OkHttpClient http, final Clock clock) {
        final int maxFrameBytes = context.getProperty(CameraProperties.MAX_FRAME_SIZE).asDataSize(DataUnit.B).intValue();
        final double framesPerSecond = context.getProperty(CameraProperties.FRAMES_PER_SECOND).asDouble();
        if (mode == CaptureMode.SPECIMEN) {
            final int[] size = CameraProperties.frameSize(context.getProperty(CameraProperties.SPECIMEN_FRAME_SIZE).getValue());
            return new SpecimenCamera(SpecimenCameraSettings.DEFAULTS.withSize(size[0], size[1]).withFramesPerSecond(framesPerSecond), clock);
        }
        final String source = context.getProperty(CameraProperties.SOURCE).getValue().trim();
        final String username = context.getProperty(CameraProperties.USERNAME).getValue();
        final String password = context.getProperty(CameraProperties.PASSWORD).getValue();
        return switch (mode) {
            case HTTP_SNAPSHOT -> new HttpSnapshotGrabber(http, source, username, password, maxFrameBytes, clock);
            case MJPEG_STREAM -> new MjpegStreamGrabber(http, source, username, password, maxFrameBytes, clock);
            case FFMPEG -> new FfmpegGrabber(ffmpegCommand(context, withCredentials(source, username, password), framesPerSecond), maxFrameBytes, clock);
            case SPECIMEN -> throw new IllegalStateException("handled above");
        };
    }

    /** The ffmpeg command line; throws IllegalArgumentException when the properties do not fit the source. */
    static FfmpegCommand ffmpegCommand(final PropertyContext context, final String source, final double framesPerSecond) {
        final FfmpegCommand.Builder command = FfmpegCommand.forSource(source)
                .executable(context.getProperty(CameraProperties.FFMPEG_PATH).getValue().trim());
        final String inputFormat = context.getProperty(CameraProperties.INPUT_FORMAT).getValue();
        final boolean copiesMjpeg = "mjpeg".equals(inputFormat);
        if (inputFormat != null) {
            command.inputFormat(inputFormat);
        }
        if (context.getProperty(CameraProperties.VIDEO_SIZE).isSet()) {
            command.videoSize(context.getProperty(CameraProperties.VIDEO_SIZE).getValue());
        }
        if (context.getProperty(CameraProperties.CAPTURE_FRAME_RATE).isSet()) {
            command.framerate(context.getProperty(CameraProperties.CAPTURE_FRAME_RATE).asInteger());
        }
        if (!copiesMjpeg) {
            command.fps(framesPerSecond);
        }
        final FfmpegCommand probe = command.build();
        if (probe.input() == FfmpegCommand.Input.FILE) {
            command.loop(context.getProperty(CameraProperties.LOOP_FILE).asBoolean());
        }
        return command.build();
    }

    /** RTSP credentials travel in the URL's user info, percent-encoded. */
    private static String withCredentials(final String source, final String username, final String password) {
        if (username == null || !source.regionMatches(true, 0, "rtsp", 0, 4)) {
            return source;
        }
        final int schemeEnd = source.indexOf("://") + 3;
        final int pathStart = source.indexOf('/', schemeEnd) < 0 ? source.length() : source.indexOf('/', schemeEnd);
        final int at = source.lastIndexOf('@', pathStart - 1);
        final String hostAndPath = source.substring(at >= schemeEnd ? at + 1 : schemeEnd);
        // HttpUrl percent-encodes user info as RFC 3986 wants; the http scheme is only a carrier here
        final HttpUrl encoded = HttpUrl.get("http://h/").newBuilder().username(username).password(password == null ? "" : password).build();
        final String userInfo = encoded.encodedUsername() + (password == null ? "" : ":" + encoded.encodedPassword());
        return source.substring(0, schemeEnd) + userInfo + "@" + hostAndPath;
    }
}

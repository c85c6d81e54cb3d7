package dev.nifiidcard.camera;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.util.List;

/** GetCameraImage on an HTTP snapshot camera that answers the same flat test frame, or on one MJPEG stream. */
final class SnapshotCameras {

    private SnapshotCameras() {
    }

    /** Starts the camera if need be, queues {@code frames} answers and points the processor at it with the given Quality Gate. */
    static void serve(final MockWebServer camera, final TestRunner target, final String gate, final int frames) throws IOException {
        if (!camera.getStarted()) {
            camera.start();
        }
        final byte[] jpeg = GetCameraImageTest.jpeg(320, 240);
        for (int i = 0; i < frames; i++) {
            camera.enqueue(new MockResponse.Builder().addHeader("Content-Type", "image/jpeg").body(new Buffer().write(jpeg)).build());
        }
        target.setProperty(CameraProperties.CAPTURE_MODE, CaptureMode.HTTP_SNAPSHOT.getValue());
        target.setProperty(CameraProperties.SOURCE, camera.url("/snapshot.jpg").toString());
        target.setProperty(CameraProperties.QUALITY_GATE, gate);
    }

    /** Starts the camera if need be and points the processor at one MJPEG stream of these JPEG parts. */
    static void serveStream(final MockWebServer camera, final TestRunner target, final List<byte[]> parts) throws IOException {
        if (!camera.getStarted()) {
            camera.start();
        }
        final Buffer stream = new Buffer();
        for (final byte[] part : parts) {
            stream.writeUtf8("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + part.length + "\r\n\r\n").write(part).writeUtf8("\r\n");
        }
        camera.enqueue(new MockResponse.Builder().addHeader("Content-Type", "multipart/x-mixed-replace; boundary=frame").body(stream).build());
        target.setProperty(CameraProperties.CAPTURE_MODE, CaptureMode.MJPEG_STREAM.getValue());
        target.setProperty(CameraProperties.SOURCE, camera.url("/video.mjpg").toString());
    }
}

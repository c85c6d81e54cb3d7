package dev.nifiidcard.camera;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nifiidcard.camera.grab.Ffmpeg;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetCameraImageTest {

    /** Two presentations of the specimen script (5.6 s each at 10 frames per second): a front and a back. */
    private static final int SPECIMEN_FRAMES = 112;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T08:00:00Z"));
    private TestRunner runner;
    private MockWebServer camera;

    @BeforeEach
    void setUp() throws IOException {
        runner = runnerOn(clock);
        camera = new MockWebServer();
        camera.start();
    }

    @AfterEach
    void tearDown() {
        camera.close();
    }

    @Test
    void specimenCameraEmitsOneSharpStillFramePerCard() {
        runner.setProperty(CameraProperties.CAPTURE_MODE, CaptureMode.SPECIMEN.getValue());
        runner.setProperty(CameraProperties.FRAMES_PER_SECOND, "10");
        runner.run(1, false, true);
        for (int i = 1; i < SPECIMEN_FRAMES; i++) {
            clock.advance(Duration.ofMillis(100));
            runner.run(1, false, false);
        }
        runner.run(1, true, false);

        final List<MockFlowFile> emitted = runner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS);
        assertEquals(2, emitted.size(), "one frame per card presentation");
        assertEquals("front", emitted.get(0).getAttribute("specimen.side"));
        emitted.get(0).assertAttributeEquals("specimen.number", "440524198701010014");
        assertEquals("back", emitted.get(1).getAttribute("specimen.side"));
        assertEquals(0L, counter(GetCameraImage.FRAMES_DROPPED), "every frame was analysed");
        for (final MockFlowFile frame : emitted) {
            frame.assertAttributeEquals(CameraAttributes.MODE, "specimen");
            frame.assertAttributeEquals(CameraAttributes.GATE_CARD_PRESENT, "true");
            frame.assertAttributeEquals("mime.type", "image/jpeg");
            frame.assertAttributeExists(CameraAttributes.GATE_SHARPNESS);
            assertTrue(Double.parseDouble(frame.getAttribute(CameraAttributes.GATE_CARD_AREA)) >= 0.5);
        }
        final List<String> numbers = emitted.stream().map(f -> f.getAttribute(CameraAttributes.SEQUENCE)).toList();
        assertEquals(numbers.stream().distinct().count(), numbers.size(), "sequence numbers are unique");
        assertTrue(runner.getProvenanceEvents().stream().allMatch(e -> e.getEventType() == ProvenanceEventType.CREATE));
    }

    @Test
    void snapshotFramesAreTheCamerasOwnBytesWithMaskedSource() throws Exception {
        final byte[] jpeg = jpeg(640, 360);
        camera.enqueue(new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Basic realm=\"camera\"").build());
        camera.enqueue(new MockResponse.Builder().addHeader("Content-Type", "image/jpeg").body(new Buffer().write(jpeg)).build());
        final String url = camera.url("/ISAPI/Streaming/channels/101/picture").toString().replace("://", "://viewer:s3cret@");
        runner.setProperty(CameraProperties.CAPTURE_MODE, CaptureMode.HTTP_SNAPSHOT.getValue());
        runner.setProperty(CameraProperties.SOURCE, url);
        runner.setProperty(CameraProperties.QUALITY_GATE, CameraProperties.GATE_OFF.getValue());

        runner.run();

        final MockFlowFile frame = runner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS).getFirst();
        assertArrayEquals(jpeg, frame.toByteArray());
        frame.assertAttributeEquals(CameraAttributes.MODE, "http-snapshot");
        frame.assertAttributeEquals(CameraAttributes.WIDTH, "640");
        frame.assertAttributeEquals(CameraAttributes.HEIGHT, "360");
        frame.assertAttributeEquals(CameraAttributes.SEQUENCE, "1");
        assertFalse(frame.getAttributes().toString().contains("s3cret"));
        final ProvenanceEventRecord receive = runner.getProvenanceEvents().getFirst();
        assertEquals(ProvenanceEventType.RECEIVE, receive.getEventType());
        assertFalse(receive.getTransitUri().contains("s3cret"), receive.getTransitUri());
        assertTrue(receive.getTransitUri().contains("***@"), receive.getTransitUri());
        camera.takeRequest();
        final RecordedRequest authenticated = camera.takeRequest();
        assertEquals(okhttp3.Credentials.basic("viewer", "s3cret"), authenticated.getHeaders().get("Authorization"),
                "credentials in the URL answer the camera's challenge");
    }

    @Test
    void captureFailuresAreCountedAndYield() throws Exception {
        camera.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html").body("<html>login</html>").build());
        runner.setProperty(CameraProperties.CAPTURE_MODE, CaptureMode.HTTP_SNAPSHOT.getValue());
        runner.setProperty(CameraProperties.SOURCE, camera.url("/snapshot.jpg").toString());

        runner.run();

        runner.assertTransferCount(GetCameraImage.REL_SUCCESS, 0);
        assertEquals(1L, runner.getCounterValue(GetCameraImage.CAPTURE_FAILURES));
        assertTrue(runner.isYieldCalled());
    }

    @Test
    void backPressureKeepsTheQueueBoundedAndCountsDrops() throws Exception {
        final int frames = 30;
        final List<byte[]> jpegs = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            jpegs.add(jpeg(320 + i, 240));
        }
        SnapshotCameras.serveStream(camera, runner, jpegs);
        runner.setProperty(CameraProperties.QUALITY_GATE, CameraProperties.GATE_OFF.getValue());
        runner.setRelationshipUnavailable(GetCameraImage.REL_SUCCESS);

        // keep the processor scheduled while the background reader takes the whole stream
        runner.run(1, false, true);
        for (int i = 0; i < 5_000 && counter(GetCameraImage.FRAMES_DROPPED) < frames - 3; i++) {
            runner.run(1, false, false);
        }
        assertEquals(frames - 3, counter(GetCameraImage.FRAMES_DROPPED), "all but the queue's 3 newest frames dropped");
        runner.assertTransferCount(GetCameraImage.REL_SUCCESS, 0);

        runner.setRelationshipAvailable(GetCameraImage.REL_SUCCESS);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            runner.run(1, false, false);
        }
        runner.run(1, true, false);
        // issue 13, finding 7: the newest frame, not the oldest of the queue's 3
        runner.assertTransferCount(GetCameraImage.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS).getFirst()
                .assertAttributeEquals(CameraAttributes.WIDTH, Integer.toString(320 + frames - 1));
        assertEquals(frames - 1, counter(GetCameraImage.FRAMES_DROPPED), "the 2 older frames waiting were dropped too");
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().startsWith("mjpeg-reader")),
                "the reader stops with the processor");
    }

    @Test
    void ffmpegFileFramesAndNoProcessLeftBehind(@TempDir final Path directory) throws Exception {
        final String ffmpeg = Ffmpeg.require();
        final Path video = directory.resolve("desk.mp4");
        final Process encode = new ProcessBuilder(ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "lavfi",
                "-i", "testsrc2=size=640x360:rate=10", "-t", "2", "-pix_fmt", "yuv420p", video.toString())
                .redirectErrorStream(true).start();
        assertTrue(encode.waitFor(30, TimeUnit.SECONDS) && encode.exitValue() == 0, new String(encode.getInputStream().readAllBytes()));
        runner.setProperty(CameraProperties.CAPTURE_MODE, CaptureMode.FFMPEG.getValue());
        runner.setProperty(CameraProperties.SOURCE, video.toString());
        runner.setProperty(CameraProperties.FFMPEG_PATH, ffmpeg);
        runner.setProperty(CameraProperties.QUALITY_GATE, CameraProperties.GATE_OFF.getValue());

        runner.run(1, false, true);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (runner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS).size() < 3 && System.nanoTime() < deadline) {
            clock.advance(Duration.ofSeconds(1));
            runner.run(1, false, false);
        }
        final List<ProcessHandle> running = ffmpegReading(video);
        assertFalse(running.isEmpty(), "ffmpeg runs while the processor is scheduled");
        runner.run(1, true, false);

        final List<MockFlowFile> frames = runner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS);
        assertTrue(frames.size() >= 3, "frames from the file: " + frames.size());
        frames.getFirst().assertAttributeEquals(CameraAttributes.WIDTH, "640");
        frames.getFirst().assertAttributeEquals(CameraAttributes.MODE, "ffmpeg");
        assertTrue(running.stream().noneMatch(ProcessHandle::isAlive), "ffmpeg is gone after the processor stopped");
    }

    private static List<ProcessHandle> ffmpegReading(final Path video) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(video.toString())).orElse(false))
                .toList();
    }

    @Test
    void validation() {
        runner.setProperty(CameraProperties.CAPTURE_MODE, CaptureMode.MJPEG_STREAM.getValue());
        runner.assertNotValid();
        runner.setProperty(CameraProperties.SOURCE, "not a url");
        runner.assertNotValid();
        runner.setProperty(CameraProperties.SOURCE, "http://192.0.2.10/video.mjpg");
        runner.assertValid();
        runner.setProperty(CameraProperties.CAPTURE_MODE, CaptureMode.FFMPEG.getValue());
        runner.setProperty(CameraProperties.SOURCE, "/var/video/desk.mp4");
        runner.assertValid();
        runner.setProperty(CameraProperties.INPUT_FORMAT, "mjpeg");
        runner.assertNotValid();
        runner.setProperty(CameraProperties.SOURCE, "/dev/video0");
        runner.assertValid();
        runner.setProperty(CameraProperties.FRAMES_PER_SECOND, "0");
        runner.assertNotValid();
        runner.setProperty(CameraProperties.FRAMES_PER_SECOND, "5");
        runner.setProperty(CameraProperties.QUALITY_GATE, CameraProperties.GATE_SHARP_STILL_CARD.getValue());
        runner.setProperty(CameraProperties.MIN_CARD_AREA, "1.5");
        runner.assertNotValid();
    }

    /** The test moves time forward frame by frame: nothing depends on how fast it runs. */
    static TestRunner runnerOn(final ManualClock clock) {
        final GetCameraImage processor = new GetCameraImage();
        processor.clock = clock;
        return TestRunners.newTestRunner(processor);
    }

    private long counter(final String name) {
        final Long value = runner.getCounterValue(name);
        return value == null ? 0 : value;
    }

    static byte[] jpeg(final int width, final int height) throws IOException {
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x336699));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.drawString("frame " + width, 10, 20);
        g.dispose();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}

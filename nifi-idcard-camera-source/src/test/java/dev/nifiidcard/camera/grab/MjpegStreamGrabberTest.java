package dev.nifiidcard.camera.grab;

import dev.nifiidcard.commons.JitteredBackoff;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MjpegStreamGrabberTest {

    private static final String MJPEG = "multipart/x-mixed-replace; boundary=frame";
    private static final String PATH = "/axis-cgi/mjpg/video.cgi?resolution=320x240";
    private static final int CAP = 1024 * 1024;
    private static final String THREAD = "mjpeg-reader-127.0.0.1";

    /** As many as the reader's queue holds, so that a test that takes them late still gets them all. */
    private final List<byte[]> jpegs = List.of(TestImages.jpeg(64, 48, 1), TestImages.jpeg(64, 48, 2), TestImages.jpeg(64, 48, 3));
    private final List<IOException> failures = new ArrayList<>();
    private MjpegTestCamera camera;
    private OkHttpClient http;
    private MjpegStreamGrabber grabber;

    @BeforeEach
    void startCamera() throws IOException {
        camera = new MjpegTestCamera();
        http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).retryOnConnectionFailure(false).build();
    }

    @AfterEach
    void stopAll() throws IOException {
        if (grabber != null) {
            grabber.close();
        }
        camera.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "multipart/x-mixed-replace; boundary=frame       | --frame   | Content-Length",
            "multipart/x-mixed-replace;boundary=\"frame\"    | --frame   | CONTENT-LENGTH",
            "multipart/x-mixed-replace; boundary=frame       | --frame   |",
            // cameras whose header repeats the dashes their body writes, and the RFC reading of the same header
            "multipart/x-mixed-replace; boundary=--frame     | --frame   | content-length",
            "multipart/x-mixed-replace; boundary=\"--frame\" | --frame   |",
            "multipart/x-mixed-replace; boundary=\"--frame\" | ----frame |",
    })
    void emitsEveryJpegPartByteForByte(final String contentType, final String boundaryLine, final String lengthHeader)
            throws Exception {
        start(fastGrabber(CAP));
        final MjpegTestCamera.Connection connection = camera.nextConnection().stream(contentType, boundaryLine);
        jpegs.forEach(jpeg -> connection.part(jpeg, lengthHeader));
        connection.boundary();

        assertInOrderEndingWithTheLast(jpegs, Await.framesUntil(grabber, jpegs.getLast(), failures));
        assertEquals(List.of(), failures);
        assertTrue(readerThread().isAlive());
    }

    @Test
    void skipsPartsOverTheCapAndCountsThem() throws Exception {
        final byte[] large = TestImages.jpeg(320, 240, 5);
        start(fastGrabber(jpegs.stream().mapToInt(jpeg -> jpeg.length).max().orElseThrow()));
        camera.nextConnection().stream(MJPEG, "--frame")
                .part(jpegs.get(0), "Content-Length")
                .part(large, "Content-Length")
                .part(jpegs.get(1), null)
                .part(large, null)
                .part(jpegs.get(2), "Content-Length");

        assertInOrderEndingWithTheLast(jpegs, Await.framesUntil(grabber, jpegs.getLast(), failures));
        assertEquals(2, grabber.takeOversizedCount());
        assertEquals(List.of(), failures);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length", ""})
    void dropsAFrameCutByADisconnectAndReconnects(final String lengthHeader) throws Exception {
        final String length = lengthHeader.isEmpty() ? null : lengthHeader;
        start(fastGrabber(CAP));
        camera.nextConnection().stream(MJPEG, "--frame")
                .part(jpegs.get(0), length)
                .halfPart(TestImages.jpeg(64, 48, 9), length)
                .drop();
        camera.nextConnection().stream(MJPEG, "--frame")
                .part(jpegs.get(1), length)
                .part(jpegs.get(2), length)
                .boundary();

        // the cut frame is never emitted
        assertInOrderEndingWithTheLast(jpegs, Await.framesUntil(grabber, jpegs.getLast(), failures));
        takeReportedFailure();
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.getFirst().getMessage().startsWith("MJPEG stream " + camera.url(PATH) + " failed: EOFException"),
                failures.getFirst().getMessage());
    }

    @Test
    void aSlowConsumerGetsTheNewestFrameAndADropCount() throws Exception {
        final List<byte[]> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            burst.add(TestImages.jpeg(32, 24, 100 + i));
        }
        start(fastGrabber(CAP));
        final MjpegTestCamera.Connection connection = camera.nextConnection().stream(MJPEG, "--frame");
        burst.forEach(jpeg -> connection.part(jpeg, "Content-Length"));

        final long[] dropped = {0};
        Await.until("7 of 10 frames dropped", () -> (dropped[0] += grabber.takeDroppedCount()) == 7);

        assertArrayEquals(burst.get(9), grabber.next().bytes(), "the newest, not the oldest waiting");
        assertNull(grabber.next());
        assertEquals(2, grabber.takeDroppedCount(), "the two older frames waiting are dropped");
    }

    /**
     * Issue 13, finding 4: ffmpeg's MJPEG server answers application/octet-stream and then goes away; the report of the
     * refused reconnect still names the first reason.
     */
    @Test
    void aReportNamesEveryReasonSinceTheLastFrame() throws Exception {
        final HttpServer octetStream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        final CountDownLatch answered = new CountDownLatch(1);
        octetStream.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            final byte[] jpeg = jpegs.get(0);
            exchange.sendResponseHeaders(200, jpeg.length);
            exchange.getResponseBody().write(jpeg);
            exchange.close();
            answered.countDown();
        });
        octetStream.start();
        final String url = "http://127.0.0.1:" + octetStream.getAddress().getPort() + "/stream.mjpg";
        start(new MjpegStreamGrabber(http, url, null, null, CAP, fastBackoff(), Clock.systemUTC()));
        assertTrue(answered.await(15, TimeUnit.SECONDS));
        octetStream.stop(0);

        Await.until("a refused reconnect reported", () -> {
            final IOException reported = takeReportedFailure();
            return reported != null && reported.getMessage().contains("ConnectException");
        });

        final String report = failures.getLast().getMessage();
        assertTrue(report.contains("is not multipart with a boundary (Content-Type: application/octet-stream)"), report);
    }

    @Test
    void stampsFramesWithTheCallersClock() throws Exception {
        final Clock fixed = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
        start(new MjpegStreamGrabber(http, camera.url(PATH), null, null, CAP, fastBackoff(), fixed));
        camera.nextConnection().stream(MJPEG, "--frame").part(jpegs.get(0), "Content-Length");

        assertEquals(fixed.instant(), Await.frame(grabber, failures).timestamp(), "the processor's clock, which the gate's timing relies on");
    }

    @Test
    void answersADigestChallengeOnTheStream() throws Exception {
        final DigestVerifier digest = new DigestVerifier("Axis", "viewer", "pa55", "SHA-256", true);
        start(new MjpegStreamGrabber(http, camera.url(PATH), "viewer", "pa55", CAP, fastBackoff(), Clock.systemUTC()));

        final MjpegTestCamera.Connection unauthenticated = camera.nextConnection();
        assertNull(unauthenticated.requestHeader("Authorization"));
        unauthenticated.respondAndClose("HTTP/1.1 401 Unauthorized", "WWW-Authenticate: " + digest.challenge(false));
        final MjpegTestCamera.Connection answered = camera.nextConnection();
        assertEquals(DigestVerifier.Verdict.ACCEPTED,
                digest.verify("GET", answered.requestTarget(), answered.requestHeader("Authorization")));
        answered.stream(MJPEG, "--frame").part(jpegs.get(0), "Content-Length");

        assertArrayEquals(jpegs.get(0), Await.frame(grabber, failures).bytes());
    }

    @Test
    void reportsAPageThatIsNotAStream() throws Exception {
        start(fastGrabber(CAP));
        camera.nextConnection().respondAndClose("HTTP/1.1 200 OK", "Content-Type: text/html");

        Await.until("a reported failure", () -> takeReportedFailure() != null);

        assertEquals("MJPEG stream " + camera.url(PATH) + " is not multipart with a boundary (Content-Type: text/html)",
                failures.getFirst().getMessage());
    }

    @Test
    void closeStopsTheReaderAndHangsUp() throws Exception {
        start(fastGrabber(CAP));
        final MjpegTestCamera.Connection connection = camera.nextConnection().stream(MJPEG, "--frame")
                .part(jpegs.get(0), "Content-Length");
        assertArrayEquals(jpegs.get(0), Await.frame(grabber, failures).bytes());
        final Thread reader = readerThread();

        grabber.close();

        assertFalse(reader.isAlive(), "close() joins the reader");
        assertTrue(connection.closedByClientWithin(Duration.ofSeconds(10)), "the camera sees the connection closed");
        grabber.close();
    }

    @Test
    void closeInterruptsTheWaitBeforeAReconnect() throws Exception {
        start(new MjpegStreamGrabber(http, camera.url(PATH), null, null, CAP, ReaderLoop.RECONNECT_BACKOFF, Clock.systemUTC()));
        camera.nextConnection().respondAndClose("HTTP/1.1 503 Service Unavailable");
        Await.until("a reported failure", () -> takeReportedFailure() != null);
        final Thread reader = readerThread();

        grabber.close();

        assertFalse(reader.isAlive(), "close() ends the backoff wait and joins the reader");
        assertTrue(failures.getFirst().getMessage().endsWith("failed: HTTP 503"), failures.getFirst().getMessage());
    }

    /** Each frame handed over is one of {@code sent}, byte for byte, in the order sent (the newest waiting each time). */
    private static void assertInOrderEndingWithTheLast(final List<byte[]> sent, final List<byte[]> received) {
        int next = 0;
        for (final byte[] frame : received) {
            while (next < sent.size() && !Arrays.equals(sent.get(next), frame)) {
                next++;
            }
            assertTrue(next < sent.size(), "a frame that was not sent, or out of order");
            next++;
        }
        assertArrayEquals(sent.getLast(), received.getLast());
    }

    private void start(final MjpegStreamGrabber started) {
        grabber = started;
        grabber.start();
    }

    private MjpegStreamGrabber fastGrabber(final int cap) {
        return new MjpegStreamGrabber(http, camera.url(PATH), null, null, cap, fastBackoff(), Clock.systemUTC());
    }

    private static JitteredBackoff fastBackoff() {
        return new JitteredBackoff(Duration.ofMillis(5), Duration.ofMillis(40));
    }

    /** Takes what next() reports when no frame is waiting; the failure, if it reported one. */
    private IOException takeReportedFailure() {
        try {
            grabber.next();
            return null;
        } catch (final IOException e) {
            failures.add(e);
            return e;
        }
    }

    private static Thread readerThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(THREAD))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no thread named " + THREAD));
    }
}

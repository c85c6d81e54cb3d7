package dev.nifiidcard.camera.grab;

import dev.nifiidcard.camera.Frame;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okio.Buffer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpSnapshotGrabberTest {

    private static final String USER = "admin";
    private static final String PASSWORD = "s3cret-Pa55";
    private static final String PATH = "/ISAPI/Streaming/channels/101/picture?snapShotImageType=JPEG";
    private static final int CAP = 1024 * 1024;

    private final byte[] jpeg = TestImages.jpeg(96, 64, 1);
    private final MockWebServer server = new MockWebServer();
    private OkHttpClient http;

    @BeforeEach
    void startServer() throws IOException {
        server.start();
        http = new OkHttpClient.Builder()
                .readTimeout(Duration.ofSeconds(5))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .build();
    }

    @AfterEach
    void stopServer() {
        server.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void returnsTheCameraBytesWithoutCredentials() throws IOException {
        serve(request -> image(jpeg, "image/jpeg"));

        final Instant before = Instant.now();
        final Frame frame = grabber(null, null).next();

        assertArrayEquals(jpeg, frame.bytes());
        assertEquals(Frame.JPEG, frame.mimeType());
        assertFalse(frame.timestamp().isBefore(before));
    }

    @Test
    void answersBasicAndSendsItUpFrontAfterwards() throws IOException {
        final String accepted = Credentials.basic(USER, PASSWORD);
        serve(request -> accepted.equals(request.getHeaders().get("Authorization"))
                ? image(jpeg, "image/jpeg")
                : challenge("Basic realm=\"IP Camera\""));

        final HttpSnapshotGrabber grabber = grabber(USER, PASSWORD);

        assertArrayEquals(jpeg, grabber.next().bytes());
        assertArrayEquals(jpeg, grabber.next().bytes());
        assertEquals(3, server.getRequestCount(), "one challenge, then one request per snapshot");
    }

    @ParameterizedTest
    @CsvSource({"MD5, true", "SHA-256, true", "MD5, false"})
    void answersDigestVerifiedByTheCamera(final String algorithm, final boolean qopAuth) throws IOException {
        final DigestVerifier digest = new DigestVerifier("IP Camera", USER, PASSWORD, algorithm, qopAuth);
        serve(request -> switch (digest.verify(request.getMethod(), request.getTarget(), request.getHeaders().get("Authorization"))) {
            case ACCEPTED -> image(jpeg, "image/jpeg");
            case STALE -> challenge(digest.challenge(true));
            case REFUSED -> challenge(digest.challenge(false));
        });

        final HttpSnapshotGrabber grabber = grabber(USER, PASSWORD);

        assertArrayEquals(jpeg, grabber.next().bytes());
        assertArrayEquals(jpeg, grabber.next().bytes());
        assertArrayEquals(jpeg, grabber.next().bytes());
        assertEquals(4, server.getRequestCount(), "one challenge, then one request per snapshot");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void prefersDigestWhenBasicIsAlsoOffered(final boolean inOneHeader) throws IOException {
        final DigestVerifier digest = new DigestVerifier("IP Camera", USER, PASSWORD, "MD5", true);
        serve(request -> {
            if (digest.verify(request.getMethod(), request.getTarget(), request.getHeaders().get("Authorization"))
                    == DigestVerifier.Verdict.ACCEPTED) {
                return image(jpeg, "image/jpeg");
            }
            final String basic = "Basic realm=\"IP Camera\"";
            return inOneHeader
                    ? challenge(basic + ", " + digest.challenge(false))
                    : challenge(basic, digest.challenge(false));
        });

        assertArrayEquals(jpeg, grabber(USER, PASSWORD).next().bytes());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void answersAStaleNonceWithTheFreshOne() throws IOException {
        final DigestVerifier digest = new DigestVerifier("IP Camera", USER, PASSWORD, "SHA-256", true);
        serve(request -> switch (digest.verify(request.getMethod(), request.getTarget(), request.getHeaders().get("Authorization"))) {
            case ACCEPTED -> image(jpeg, "image/jpeg");
            case STALE -> challenge(digest.challenge(true));
            case REFUSED -> challenge(digest.challenge(false));
        });
        final HttpSnapshotGrabber grabber = grabber(USER, PASSWORD);
        assertArrayEquals(jpeg, grabber.next().bytes());

        digest.expireNonce();

        assertArrayEquals(jpeg, grabber.next().bytes());
        assertEquals(4, server.getRequestCount(), "challenge and answer, then the stale up-front answer and a fresh one");
    }

    @Test
    void givesUpOnACameraThatKeepsCallingTheNonceStale() {
        final DigestVerifier digest = new DigestVerifier("IP Camera", USER, PASSWORD, "MD5", true);
        serve(request -> {
            final boolean answered = request.getHeaders().get("Authorization") != null;
            digest.expireNonce();
            return challenge(digest.challenge(answered));
        });

        final IOException e = assertThrows(IOException.class, () -> grabber(USER, PASSWORD).next());

        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertEquals(3, server.getRequestCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic", "Digest"})
    void wrongCredentialsAreSentOnceAndReported(final String scheme) {
        final DigestVerifier digest = new DigestVerifier("IP Camera", USER, PASSWORD, "MD5", true);
        final String basic = Credentials.basic(USER, PASSWORD);
        serve(request -> {
            final String authorization = request.getHeaders().get("Authorization");
            if (basic.equals(authorization)
                    || digest.verify(request.getMethod(), request.getTarget(), authorization) == DigestVerifier.Verdict.ACCEPTED) {
                return image(jpeg, "image/jpeg");
            }
            return challenge(scheme.equals("Basic") ? "Basic realm=\"IP Camera\"" : digest.challenge(false));
        });
        final HttpSnapshotGrabber grabber = grabber(USER, "wrong-password");

        final IOException first = assertThrows(IOException.class, grabber::next);
        final IOException second = assertThrows(IOException.class, grabber::next);

        assertEquals(4, server.getRequestCount(), "each snapshot: one challenge, one answer");
        assertTrue(first.getMessage().contains("HTTP 401 (the camera refused the credentials)"), first.getMessage());
        assertEquals(first.getMessage(), second.getMessage());
    }

    @Test
    void takesCredentialsFromTheUrlAndNeverShowsThem() throws IOException {
        final String accepted = Credentials.basic(USER, PASSWORD);
        serve(request -> accepted.equals(request.getHeaders().get("Authorization"))
                ? image(jpeg, "image/jpeg")
                : challenge("Basic realm=\"IP Camera\""));
        final String url = "http://" + USER + ":" + PASSWORD + "@" + server.getHostName() + ":" + server.getPort() + PATH;

        assertArrayEquals(jpeg, new HttpSnapshotGrabber(http, url, null, null, CAP, Clock.systemUTC()).next().bytes());

        serve(request -> new MockResponse.Builder().code(500).build());
        final IOException e = assertThrows(IOException.class, () -> new HttpSnapshotGrabber(http, url, null, null, CAP, Clock.systemUTC()).next());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        assertFalse(e.getMessage().contains(USER), e.getMessage());
    }

    @Test
    void refusesAnHtmlPage() {
        serve(request -> image("<html><body>Please log in</body></html>".getBytes(), "text/html; charset=utf-8"));

        final IOException e = assertThrows(IOException.class, () -> grabber(null, null).next());

        assertTrue(e.getMessage().contains("text/html, not an image (an error or login page?)"), e.getMessage());
    }

    @Test
    void refusesAnHtmlPageThatClaimsToBeAnImage() {
        serve(request -> image("\n<!DOCTYPE html><html>Error 404</html>".getBytes(), "image/jpeg"));

        final IOException e = assertThrows(IOException.class, () -> grabber(null, null).next());

        assertTrue(e.getMessage().contains("neither a JPEG nor a PNG image"), e.getMessage());
        assertTrue(e.getMessage().contains("looks like an HTML page"), e.getMessage());
    }

    @Test
    void acceptsAPngUpToExactlyTheCap() throws IOException {
        final byte[] png = TestImages.png(32, 24, 2);
        serve(request -> image(png, "image/png"));

        final Frame frame = new HttpSnapshotGrabber(http, server.url(PATH).toString(), null, null, png.length, Clock.systemUTC()).next();

        assertArrayEquals(png, frame.bytes());
        assertEquals("image/png", frame.mimeType());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void skipsAndCountsAnImageOverTheCapWithoutReadingItAll(final boolean declaresItsLength) throws IOException {
        final long length = 64L * 1024 * 1024;
        final AtomicLong written = new AtomicLong();
        serve(request -> new MockResponse.Builder()
                .setHeader("Content-Type", "image/jpeg")
                .body(new HugeJpegBody(length, declaresItsLength, written))
                .build());
        final HttpSnapshotGrabber grabber = grabber(null, null);

        assertNull(grabber.next(), "no frame, and not a capture failure: counted like the stream modes' oversized frames");
        assertEquals(1, grabber.takeOversizedCount());
        assertEquals(0, grabber.takeOversizedCount(), "taken once");
        assertTrue(written.get() < length, "the camera could not send it all: " + written.get());
    }

    private HttpSnapshotGrabber grabber(final String username, final String password) {
        return new HttpSnapshotGrabber(http, server.url(PATH).toString(), username, password, CAP, Clock.systemUTC());
    }

    private void serve(final Function<RecordedRequest, MockResponse> camera) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(final RecordedRequest request) {
                return camera.apply(request);
            }
        });
    }

    private static MockResponse image(final byte[] bytes, final String contentType) {
        return new MockResponse.Builder().setHeader("Content-Type", contentType).body(new Buffer().write(bytes)).build();
    }

    private static MockResponse challenge(final String... challenges) {
        final MockResponse.Builder response = new MockResponse.Builder().code(401);
        List.of(challenges).forEach(challenge -> response.addHeader("WWW-Authenticate", challenge));
        return response.body("<html>401 Unauthorized</html>").build();
    }

    /** A JPEG-looking body far larger than the cap, counting what actually left the camera. */
    private record HugeJpegBody(long length, boolean declaresItsLength, AtomicLong written) implements MockResponseBody {

        @Override
        public long getContentLength() {
            return declaresItsLength ? length : -1;
        }

        @Override
        public void writeTo(final BufferedSink sink) throws IOException {
            final byte[] chunk = new byte[64 * 1024];
            chunk[0] = (byte) 0xFF;
            chunk[1] = (byte) 0xD8;
            chunk[2] = (byte) 0xFF;
            while (written.get() < length) {
                sink.write(chunk);
                sink.flush();
                written.addAndGet(chunk.length);
            }
        }
    }
}

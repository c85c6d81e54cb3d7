package dev.nifiidcard.camera.grab;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpServer;
import dev.nifiidcard.commons.JitteredBackoff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Camera credentials never appear on ffmpeg's command line or in its environment, which every local user can read
 * (/proc/PID/cmdline, /proc/PID/environ, ps): they reach ffmpeg through its stdin, a pipe only it reads.
 */
class FfmpegCredentialsTest {

    private static final String USER = "cam user";
    private static final String PASSWORD = "p@ss w'rd:1";
    /** The URL form the processor builds (GrabberFactory): user info percent-encoded. */
    private static final String USER_INFO = "cam%20user:p%40ss%20w%27rd%3A1";

    @TempDir
    static Path directory;
    private static String ffmpeg;
    /** Ten seconds at 10 fps: more than ffmpeg probes, so that it decodes while the server holds the connection open. */
    private static byte[] clip;

    private final List<IOException> failures = new ArrayList<>();
    private FfmpegGrabber grabber;

    @BeforeAll
    static void makeClip() throws Exception {
        ffmpeg = Ffmpeg.require();
        final Path file = directory.resolve("clip.mkv");
        Ffmpeg.run(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi",
                "-i", "testsrc2=size=160x120:rate=10", "-t", "10", "-c:v", "mpeg4", file.toString());
        clip = Files.readAllBytes(file);
    }

    @Test
    void frameAfterFrameWithCredentialsNoneVisibleAlsoAfterARestart() throws Exception {
        final AtomicInteger authorized = new AtomicInteger();
        final CountDownLatch done = new CountDownLatch(1);
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        final ExecutorService handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/clip.mkv", exchange -> {
            authorized.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "video/x-matroska");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(clip);
                body.flush();
                // a live camera: the stream stays open, and ffmpeg with it
                done.await();
            } catch (final InterruptedException | IOException e) {
                // the test is over, or ffmpeg was killed
            }
        }).setAuthenticator(new BasicAuthenticator("camera") {
            @Override
            public boolean checkCredentials(final String user, final String password) {
                return USER.equals(user) && PASSWORD.equals(password);
            }
        });
        server.start();
        try {
            start(FfmpegCommand.forUrl("http://" + USER_INFO + "@127.0.0.1:" + server.getAddress().getPort() + "/clip.mkv")
                    .executable(ffmpeg).build());

            assertEquals(120, TestImages.decode(Await.frame(grabber, failures).bytes()).getHeight());
            final ProcessHandle first = Ffmpeg.onlyRunning();
            assertNothingSecretVisible(first);
            assertStdinIsAPipe(first);

            first.destroyForcibly();
            Await.until("ffmpeg started again", () -> !first.isAlive() && Ffmpeg.running().size() == 1);
            final ProcessHandle second = Ffmpeg.onlyRunning();
            drainFrames();
            assertEquals(160, TestImages.decode(Await.frame(grabber, failures).bytes()).getWidth());
            assertNothingSecretVisible(second);
            assertStdinIsAPipe(second);
            assertEquals(2, authorized.get(), "each ffmpeg got in with the credentials");
        } finally {
            done.countDown();
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    @AfterEach
    void closeGrabber() {
        if (grabber != null) {
            grabber.close();
        }
    }

    @Test
    void rtspCredentialsReachTheCameraButNotTheCommandLineOrEnvironment() throws Exception {
        try (RtspAuthPeer camera = new RtspAuthPeer()) {
            final String url = camera.url("/stream").replace("rtsp://", "rtsp://" + USER_INFO + "@");
            start(FfmpegCommand.forSource(url).executable(ffmpeg).build());

            final String authorization = camera.authorization().get(15, TimeUnit.SECONDS);

            assertEquals(basic(), authorization, "the camera got the credentials");
            assertNothingSecretVisible(Ffmpeg.onlyRunning());
        }
    }

    private void start(final FfmpegCommand command) {
        grabber = new FfmpegGrabber(command, 4 * 1024 * 1024, new JitteredBackoff(Duration.ofMillis(5), Duration.ofMillis(40)),
                Duration.ofSeconds(FfmpegGrabber.STALL_SECONDS));
        grabber.start();
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Neither the password nor the user info, in any form, in what other users can read of the process. */
    private static void assertNothingSecretVisible(final ProcessHandle process) throws IOException {
        for (final String part : List.of("cmdline", "environ")) {
            final String text = Files.readString(Path.of("/proc", Long.toString(process.pid()), part), StandardCharsets.ISO_8859_1);
            for (final String secret : List.of(PASSWORD, USER_INFO, "p%40ss", "p@ss")) {
                assertFalse(text.contains(secret), "/proc/" + process.pid() + "/" + part + " holds " + secret + ": " + text.replace('\0', ' '));
            }
        }
    }

    /** What carries the credentials is a pipe, not a file: nothing to protect on disk or to delete at stop. */
    private static void assertStdinIsAPipe(final ProcessHandle process) throws IOException {
        final String stdin = Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "fd", "0")).toString();
        assertTrue(stdin.startsWith("pipe:"), stdin);
    }

    private void drainFrames() {
        try {
            while (grabber.next() != null) {
                // older than the restart
            }
        } catch (final IOException e) {
            failures.add(e);
        }
    }
}

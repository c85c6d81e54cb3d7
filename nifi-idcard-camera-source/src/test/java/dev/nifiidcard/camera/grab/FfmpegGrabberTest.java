package dev.nifiidcard.camera.grab;

import dev.nifiidcard.camera.Frame;
import dev.nifiidcard.commons.JitteredBackoff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FfmpegGrabberTest {

    private static final int CAP = 4 * 1024 * 1024;

    @TempDir
    static Path directory;
    private static String ffmpeg;
    /** Half a second at 10 fps: five frames. */
    private static Path clip;

    private final List<IOException> failures = new ArrayList<>();
    private FfmpegGrabber grabber;

    @BeforeAll
    static void makeClip() throws Exception {
        ffmpeg = Ffmpeg.require();
        clip = directory.resolve("clip.mkv");
        Ffmpeg.run(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10",
                "-t", "0.5", "-c:v", "mpeg4", clip.toString());
    }

    @AfterEach
    void closeGrabber() {
        if (grabber != null) {
            grabber.close();
        }
    }

    @Test
    void lavfiFramesAreJpegsOfTheSourceSize() {
        start(FfmpegCommand.lavfi("testsrc2=size=640x360:rate=10").fps(10).executable(ffmpeg).build());

        final Frame first = Await.frame(grabber, failures);
        final Frame second = Await.frame(grabber, failures);

        for (final Frame frame : List.of(first, second)) {
            assertEquals(Frame.JPEG, frame.mimeType());
            final BufferedImage image = TestImages.decode(frame.bytes());
            assertEquals(640, image.getWidth());
            assertEquals(360, image.getHeight());
        }
        assertFalse(Arrays.equals(first.bytes(), second.bytes()), "testsrc2 changes every frame");
        assertEquals(List.of(), failures);
    }

    @Test
    void framesAreStampedByTheGivenClock() {
        final Instant fixed = Instant.parse("2026-12-06T08:00:00Z");
        grabber = new FfmpegGrabber(FfmpegCommand.lavfi("testsrc2=size=320x240:rate=10").fps(10).executable(ffmpeg).build(), CAP,
                fastBackoff(), Duration.ofSeconds(FfmpegGrabber.STALL_SECONDS), Clock.fixed(fixed, ZoneOffset.UTC));
        grabber.start();

        assertEquals(fixed, Await.frame(grabber, failures).timestamp(), "the processor's clock, which the gate's timing relies on");
    }

    @Test
    void aFileWithoutLoopPlaysOnceThenReportsItsEnd() {
        final FfmpegCommand command = FfmpegCommand.forSource(clip.toString()).executable(ffmpeg).build();
        start(command);
        final List<Frame> frames = new ArrayList<>();
        final long[] dropped = {0};

        Await.until("the end of the file reported", () -> {
            try {
                for (Frame frame = grabber.next(); frame != null; frame = grabber.next()) {
                    frames.add(frame);
                }
                dropped[0] += grabber.takeDroppedCount();
                return false;
            } catch (final IOException e) {
                failures.add(e);
                return true;
            }
        });
        final String reader = "ffmpeg-reader-" + command.maskedSource();
        Await.until("the reader thread ended", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals(reader)));

        assertEquals(5, frames.size() + dropped[0] + grabber.takeDroppedCount(), "the clip's five frames, once");
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.getFirst().getMessage().contains("reached the end of the file"), failures.getFirst().getMessage());
        assertEquals(List.of(), Ffmpeg.running(), "no ffmpeg started again");
        drain();
        assertEquals(1, failures.size(), "the end is reported once: " + failures);
    }

    @Test
    void aLoopingFilePlaysOnInOneProcess() {
        start(FfmpegCommand.forSource(clip.toString()).loop(true).executable(ffmpeg).build());
        Await.frame(grabber, failures);
        final ProcessHandle process = Ffmpeg.onlyRunning();

        for (int i = 0; i < 8; i++) {
            Await.frame(grabber, failures);
        }

        assertEquals(List.of(process), Ffmpeg.running(), "more frames than the clip has, from the same ffmpeg");
        assertEquals(List.of(), failures);
    }

    @Test
    void closeEndsFfmpegAndItsThreads() {
        final FfmpegCommand command = FfmpegCommand.lavfi("testsrc2=size=320x240:rate=10").executable(ffmpeg).build();
        start(command);
        Await.frame(grabber, failures);
        final ProcessHandle process = Ffmpeg.onlyRunning();
        final List<Thread> threads = threadsNamed("ffmpeg-reader-" + command.maskedSource(), "ffmpeg-stderr-" + command.maskedSource());

        grabber.close();

        assertFalse(process.isAlive(), "ffmpeg " + process.pid() + " is gone");
        threads.forEach(thread -> assertFalse(thread.isAlive(), thread.getName()));
    }

    @Test
    void closeEndsWhatAWrapperScriptStarted() throws IOException {
        final Path wrapper = directory.resolve("ffmpeg-wrapper.sh");
        // no exec: the shell stays, ffmpeg is its child
        Files.writeString(wrapper, "#!/bin/sh\n" + ffmpeg + " \"$@\"\necho ffmpeg ended >&2\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        start(FfmpegCommand.lavfi("testsrc2=size=320x240:rate=10").executable(wrapper.toString()).build());
        Await.frame(grabber, failures);
        final ProcessHandle shell = ProcessHandle.current().children()
                .filter(child -> child.info().arguments().map(arguments -> arguments.length > 0
                        && arguments[0].equals(wrapper.toString())).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no wrapper shell"));
        final ProcessHandle child = shell.children().findFirst().orElseThrow(() -> new AssertionError("no ffmpeg under the wrapper"));

        grabber.close();

        assertFalse(child.isAlive(), "the wrapper's ffmpeg " + child.pid() + " is gone");
        assertFalse(shell.isAlive(), "the wrapper " + shell.pid() + " is gone");
    }

    @Test
    void aFailingFfmpegIsReportedWithItsStderrMasked() {
        start(FfmpegCommand.forSource("rtsp://admin:s3cret@127.0.0.1:1/stream").executable(ffmpeg).build());

        Await.until("a reported failure", () -> takeReportedFailure() != null);

        final String message = failures.getFirst().getMessage();
        assertTrue(message.startsWith("ffmpeg for rtsp://***@127.0.0.1:1/stream exited with code "), message);
        // through the input script ffmpeg names the URL it could not open, then the error
        assertTrue(message.contains("Impossible to open 'rtsp://***@127.0.0.1:1/stream' | pipe:0: Connection refused"), message);
        assertFalse(message.contains("s3cret"), message);
    }

    @Test
    void anFfmpegThatProducesNothingIsKilledAndStartedAgain() throws Exception {
        final Path fifo = directory.resolve("silent.fifo");
        Ffmpeg.run("mkfifo", fifo.toString());
        // opening a FIFO without a writer blocks, and ffmpeg's SIGTERM handler does not interrupt that
        grabber = new FfmpegGrabber(FfmpegCommand.forSource(fifo.toString()).executable(ffmpeg).build(), CAP,
                fastBackoff(), Duration.ofMillis(300));
        grabber.start();
        Await.until("ffmpeg waiting on the FIFO", () -> Ffmpeg.running().size() == 1);
        final ProcessHandle first = Ffmpeg.onlyRunning();

        Await.until("a reported stall", () -> takeReportedFailure() != null);

        assertTrue(failures.getFirst().getMessage().contains("produced no frame for"), failures.getFirst().getMessage());
        assertFalse(first.isAlive());
        Await.until("ffmpeg started again", () -> Ffmpeg.running().size() == 1);
    }

    @Test
    void aMissingExecutableIsReported() {
        start(FfmpegCommand.lavfi("testsrc2").executable(directory.resolve("no-such-ffmpeg").toString()).build());

        Await.until("a reported failure", () -> takeReportedFailure() != null);

        assertTrue(failures.getFirst().getMessage().startsWith("Cannot run " + directory.resolve("no-such-ffmpeg")),
                failures.getFirst().getMessage());
    }

    private void start(final FfmpegCommand command) {
        grabber = new FfmpegGrabber(command, CAP, fastBackoff(), Duration.ofSeconds(FfmpegGrabber.STALL_SECONDS));
        grabber.start();
    }

    private static JitteredBackoff fastBackoff() {
        return new JitteredBackoff(Duration.ofMillis(5), Duration.ofMillis(40));
    }

    private IOException takeReportedFailure() {
        try {
            grabber.next();
            return null;
        } catch (final IOException e) {
            failures.add(e);
            return e;
        }
    }

    /** Takes every frame waiting now, so that the next one is newer than anything seen so far. */
    private void drain() {
        try {
            while (grabber.next() != null) {
                // discard
            }
        } catch (final IOException e) {
            failures.add(e);
        }
    }

    private static List<Thread> threadsNamed(final String... names) {
        final List<String> wanted = List.of(names);
        final List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> wanted.contains(thread.getName()))
                .toList();
        assertEquals(wanted.size(), threads.size(), threads.toString());
        return threads;
    }
}

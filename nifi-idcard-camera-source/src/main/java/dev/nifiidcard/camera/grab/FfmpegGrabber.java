package dev.nifiidcard.camera.grab;

import dev.nifiidcard.camera.Frame;
import dev.nifiidcard.camera.FrameGrabber;
import dev.nifiidcard.commons.JitteredBackoff;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Captures through the system ffmpeg (RTSP cameras, V4L2 devices, video files), as described by an
 * {@link FfmpegCommand}: ffmpeg writes JPEGs to its stdout, a daemon reader thread splits them into frames. A network
 * source, credentials included, is written to ffmpeg's stdin (see {@link InputScript}), never to its command line or
 * environment. When ffmpeg exits, or produces nothing for {@value #STALL_SECONDS} s (a camera that vanished without
 * closing its connection), it is started again with backoff (500 ms doubling to 30 s, with jitter, reset by a good
 * frame); {@link #next()} reports each failure once, with the last lines ffmpeg wrote to stderr, masked. A file that is
 * not looped is played once: its end is reported once (an {@link EndOfInputException}) and nothing is started again.
 * {@link #close()} ends ffmpeg and anything it started.
 */
public final class FfmpegGrabber implements FrameGrabber {

    static final int STALL_SECONDS = 30;
    /** How long ffmpeg gets to exit, politely then forcibly; the reader's join bound covers both. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(1);

    private final FfmpegCommand command;
    private final int maxFrameBytes;
    private final Duration stallTimeout;
    private final Clock clock;
    private final AtomicLong oversized = new AtomicLong();
    private final ReaderLoop loop;
    private volatile Process process;
    private volatile Process stalled;
    private volatile long lastProgressNanos;

    /**
     * @param maxFrameBytes the largest JPEG kept; larger ones are skipped and counted
     * @param clock         stamps the frames: the processor's, which its gate's timing relies on
     */
    public FfmpegGrabber(final FfmpegCommand command, final int maxFrameBytes, final Clock clock) {
        this(command, maxFrameBytes, ReaderLoop.RECONNECT_BACKOFF, Duration.ofSeconds(STALL_SECONDS), clock);
    }

    FfmpegGrabber(final FfmpegCommand command, final int maxFrameBytes, final JitteredBackoff backoff, final Duration stallTimeout) {
        this(command, maxFrameBytes, backoff, stallTimeout, Clock.systemUTC());
    }

    FfmpegGrabber(final FfmpegCommand command, final int maxFrameBytes, final JitteredBackoff backoff, final Duration stallTimeout,
                  final Clock clock) {
        if (maxFrameBytes < 4) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 4");
        }
        this.command = command;
        this.maxFrameBytes = maxFrameBytes;
        this.stallTimeout = stallTimeout;
        this.clock = clock;
        this.loop = new ReaderLoop("ffmpeg-reader-" + command.maskedSource(), backoff, this::runFfmpeg);
    }

    @Override
    public void start() {
        loop.start();
    }

    /** Also the stall watchdog: the processor calls it all the time, so no thread of its own is needed. */
    @Override
    public Frame next() throws IOException {
        final Frame frame = loop.next();
        if (frame == null) {
            killIfStalled();
        }
        return frame;
    }

    @Override
    public long takeDroppedCount() {
        return loop.takeDroppedCount();
    }

    /** Frames skipped since the last call because they were larger than the cap. */
    public long takeOversizedCount() {
        return oversized.getAndSet(0);
    }

    @Override
    public void close() {
        loop.stop(() -> {
            final Process current = process;
            if (current != null) {
                ProcessTree.stop(current, EXIT_GRACE);
            }
        });
    }

    private void runFfmpeg() throws IOException {
        final Process started = startFfmpeg();
        final StderrTail stderr = new StderrTail(command.source());
        final Thread drainer = Thread.ofPlatform().name("ffmpeg-stderr-" + command.maskedSource()).daemon()
                .start(() -> stderr.drain(started.getErrorStream()));
        final int exitCode;
        long framed = 0;
        try (InputStream stdout = started.getInputStream()) {
            final JpegStreamSplitter splitter = new JpegStreamSplitter(stdout, maxFrameBytes, oversized);
            for (byte[] jpeg = splitter.next(); jpeg != null; jpeg = splitter.next()) {
                lastProgressNanos = System.nanoTime();
                loop.offer(Frame.jpeg(jpeg, clock.instant()));
                framed++;
            }
        } finally {
            exitCode = ProcessTree.awaitExit(started, EXIT_GRACE);
            join(drainer);
        }
        if (loop.isStopped()) {
            return;
        }
        if (stalled == started) {
            throw new IOException("ffmpeg for " + command.maskedSource() + " produced no frame for "
                    + stallTimeout.toSeconds() + " s and was restarted" + lastWords(stderr));
        }
        if (exitCode != 0) {
            throw new IOException("ffmpeg for " + command.maskedSource() + " exited with code " + exitCode + lastWords(stderr));
        }
        if (command.playsOnce()) {
            loop.finish();
            throw new EndOfInputException("ffmpeg for " + command.maskedSource() + " reached the end of the file after " + framed
                    + " frames; Loop File is false, so it is not read again until the processor is started again");
        }
        if (framed == 0) {
            throw new IOException("ffmpeg for " + command.maskedSource() + " ended without a frame" + lastWords(stderr));
        }
        // a live input ended (the camera closed the stream): it starts again after the backoff
    }

    private Process startFfmpeg() throws IOException {
        final Process started;
        try {
            started = new ProcessBuilder(command.arguments()).start();
        } catch (final IOException e) {
            throw new IOException("Cannot run " + command.executable() + ": " + e.getMessage(), e);
        }
        lastProgressNanos = System.nanoTime();
        process = started;
        if (loop.isStopped()) {
            // close() may have looked for a process to end just before this one was set
            ProcessTree.stop(started, EXIT_GRACE);
        }
        // after the process is known to close(), which ends it should the write ever wait for ffmpeg
        writeInputScript(started);
        return started;
    }

    /** A script is far smaller than a pipe's buffer, so the write does not wait for ffmpeg to read it. */
    private void writeInputScript(final Process started) {
        final byte[] script = command.inputScript();
        try (OutputStream stdin = started.getOutputStream()) {
            if (script != null) {
                stdin.write(script);
            }
        } catch (final IOException e) {
            // ffmpeg is gone already: its exit code and stderr tell why
        }
    }

    private void killIfStalled() {
        final Process current = process;
        if (current != null && current.isAlive() && stalled != current
                && System.nanoTime() - lastProgressNanos > stallTimeout.toNanos()) {
            stalled = current;
            ProcessTree.kill(current, EXIT_GRACE);
        }
    }

    private static void join(final Thread thread) {
        try {
            thread.join(EXIT_GRACE);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String lastWords(final StderrTail stderr) {
        final String text = stderr.text();
        return text.isEmpty() ? "" : ": " + text;
    }
}

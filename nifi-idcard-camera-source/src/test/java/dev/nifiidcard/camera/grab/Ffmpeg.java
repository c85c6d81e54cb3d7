package dev.nifiidcard.camera.grab;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The ffmpeg the backend tests drive: skipped on a machine without one, but a failure on CI, which installs it. */
public final class Ffmpeg {

    private Ffmpeg() {
    }

    /** Runs a command (making a test clip, say) to its end; fails the test unless it exits 0 within 30 s. */
    public static void run(final String... command) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assertions.assertTrue(process.waitFor(30, TimeUnit.SECONDS), "finished: " + String.join(" ", command));
        Assertions.assertEquals(0, process.exitValue(), output);
    }

    /** The ffmpeg processes this JVM started and that are still running. */
    static List<ProcessHandle> running() {
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(child -> child.info().command().map(command -> command.endsWith("ffmpeg")).orElse(false))
                .toList();
    }

    /** The one ffmpeg this JVM runs; fails the test if there are none or several. */
    static ProcessHandle onlyRunning() {
        final List<ProcessHandle> running = running();
        Assertions.assertEquals(1, running.size(), running.toString());
        return running.getFirst();
    }

    public static String require() {
        final String path = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, "ffmpeg"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElse(null);
        if (path != null) {
            return path;
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("ffmpeg is not on PATH, but CI=true: CI installs it (.ci/run), so the FFmpeg backend must be tested");
        }
        Assumptions.abort("ffmpeg is not on PATH: skipping the FFmpeg backend tests (install ffmpeg to run them)");
        throw new AssertionError("unreachable");
    }
}

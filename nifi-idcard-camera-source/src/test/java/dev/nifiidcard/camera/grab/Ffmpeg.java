package dev.nifiidcard.camera.grab;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The ffmpeg the backend tests drive: skipped on a machine without one, but a failure on CI, which installs it. */
public final class Ffmpeg {

    private Ffmpeg() {
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

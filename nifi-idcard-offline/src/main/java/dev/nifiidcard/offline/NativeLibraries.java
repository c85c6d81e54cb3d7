package dev.nifiidcard.offline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Where ONNX Runtime's native libraries are loaded from. By default ONNX Runtime extracts them from this jar into a
 * new {@code onnxruntime-java*} folder under {@code java.io.tmpdir} and loads them from there, which fails on a
 * temporary directory mounted noexec. Given a directory, this extracts them there instead and points ONNX Runtime
 * at the files. Natives load once per JVM (per NAR class loader): the first service enabled decides.
 */
final class NativeLibraries {

    /** The platforms whose natives this NAR carries, as ONNX Runtime names its resource folders. */
    static final List<String> PLATFORMS = List.of("linux-x64", "linux-aarch64");
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

    /** Where this JVM's natives come from; null until the first call decides. */
    private static String location;

    private NativeLibraries() {
    }

    /** Writes the platform's libraries into {@code directory}, replacing what is there; returns each library's file. */
    static Map<String, Path> extract(final Path directory, final String platform) throws IOException {
        Files.createDirectories(directory);
        final Map<String, Path> written = new LinkedHashMap<>();
        for (final String library : LIBRARIES) {
            final String file = System.mapLibraryName(library);
            final Path target = directory.resolve(file);
            try (InputStream in = NativeLibraries.class.getResourceAsStream("/ai/onnxruntime/native/" + platform + "/" + file)) {
                if (in == null) {
                    throw new IOException(file + " for " + platform + " is missing from this NAR");
                }
                // write aside, then move: a library another JVM has mapped is never rewritten in place
                final Path part = Files.createTempFile(directory, file, ".part");
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            written.put(library, target);
        }
        return written;
    }

    /** This JVM's platform in ONNX Runtime's naming, for example linux-x64. */
    static String platform() {
        final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        final String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        final String osName = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "win" : os;
        final String archName = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch;
        return osName + "-" + archName;
    }

    /**
     * Makes sure ONNX Runtime will find natives for this platform, extracted into {@code directory} when one is given.
     * Call before the first use of ONNX Runtime.
     *
     * @return false when an earlier call already decided where the natives load from, so {@code directory} has no effect
     * @throws IOException when this platform has no natives here or they cannot be written
     */
    static synchronized boolean prepare(final Path directory) throws IOException {
        final String platform = platform();
        if (!PLATFORMS.contains(platform)) {
            throw new IOException("ONNX Runtime's natives for " + platform + " are not in this NAR, which carries "
                    + String.join(" and ", PLATFORMS) + " only");
        }
        if (location != null) {
            return directory == null;
        }
        if (directory == null) {
            location = "extracted by ONNX Runtime under java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + ")";
            return true;
        }
        extract(directory, platform).forEach((library, file) ->
                System.setProperty("onnxruntime.native." + library + ".path", file.toAbsolutePath().toString()));
        location = directory.toAbsolutePath().toString();
        return true;
    }

    /** Where the natives of this JVM load from, for Verify and logs. */
    static synchronized String location() {
        return location == null ? "not loaded yet" : location;
    }
}

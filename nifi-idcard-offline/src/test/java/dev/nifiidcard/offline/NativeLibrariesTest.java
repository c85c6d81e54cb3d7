package dev.nifiidcard.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {

    @Test
    void extractsBothLibrariesOfAPlatformIntoTheDirectory(@TempDir final Path directory) throws IOException {
        final Path target = directory.resolve("work/onnxruntime");
        final Map<String, Path> files = NativeLibraries.extract(target, "linux-aarch64");
        assertEquals(Map.of("onnxruntime", target.resolve("libonnxruntime.so"), "onnxruntime4j_jni", target.resolve("libonnxruntime4j_jni.so")),
                files);
        for (final Path file : files.values()) {
            try (InputStream original = NativeLibraries.class.getResourceAsStream("/ai/onnxruntime/native/linux-aarch64/" + file.getFileName())) {
                assertArrayEquals(original.readAllBytes(), Files.readAllBytes(file));
            }
        }
        // again over the same files, as a second NiFi start does: replaced, nothing left aside
        NativeLibraries.extract(target, "linux-aarch64");
        try (var left = Files.list(target)) {
            assertEquals(2, left.count());
        }
    }

    @Test
    void aPlatformWithoutNativesIsRefusedByName(@TempDir final Path directory) {
        final IOException refused = assertThrows(IOException.class, () -> NativeLibraries.extract(directory, "win-x64"));
        assertEquals(System.mapLibraryName("onnxruntime") + " for win-x64 is missing from this NAR", refused.getMessage());
    }
}

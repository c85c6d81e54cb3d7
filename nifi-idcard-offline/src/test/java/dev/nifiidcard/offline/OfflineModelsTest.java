package dev.nifiidcard.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfflineModelsTest {
    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void repackedModelsMatchTheirPinnedHashes() throws IOException, NoSuchAlgorithmException {
        for (Map.Entry<String, String> model : OfflineModels.SHA_256.entrySet()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(CLASSES.resolve(model.getKey()))) {
                digest.update(in.readAllBytes());
            }
            assertEquals(model.getValue(), HexFormat.of().formatHex(digest.digest()), model.getKey());
        }
    }

    @Test
    void onlyTheLinuxNativesAndTheV4ModelsAreRepacked() throws IOException {
        Path natives = CLASSES.resolve("ai/onnxruntime/native");
        try (var platforms = Files.list(natives)) {
            assertEquals(java.util.Set.of("linux-x64", "linux-aarch64"),
                    platforms.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        try (var models = Files.list(CLASSES.resolve("models"))) {
            assertEquals(4, models.count());
        }
        assertNotNull(OfflineModels.class.getClassLoader().getResource("ai/onnxruntime/OrtEnvironment.class"));
        assertTrue(Files.size(natives.resolve("linux-x64/libonnxruntime.so")) > 20_000_000);
    }
}

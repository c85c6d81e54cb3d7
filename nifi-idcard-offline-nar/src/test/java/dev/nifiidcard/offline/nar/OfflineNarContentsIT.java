package dev.nifiidcard.offline.nar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the offline NAR the way NiFi will load it, and what it may weigh. */
class OfflineNarContentsIT {

    private static final String SERVICE = "dev.nifiidcard.offline.PaddleOcrIdCardOcrService";
    private static final long MAX_BYTES = 40L * 1024 * 1024;

    private static Path nar;
    private static final List<String> offlineJarEntries = new ArrayList<>();
    private static String serviceFile;

    @BeforeAll
    static void open() throws IOException {
        nar = Path.of(System.getProperty("nar.file"));
        assertTrue(Files.isRegularFile(nar), "NAR not built: " + nar);
        try (ZipFile zip = new ZipFile(nar.toFile())) {
            final ZipEntry jar = zip.stream().filter(e -> e.getName().matches("META-INF/bundled-dependencies/nifi-idcard-offline-.*\\.jar"))
                    .findFirst().orElseThrow();
            try (JarInputStream in = new JarInputStream(zip.getInputStream(jar))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    offlineJarEntries.add(entry.getName());
                    if (entry.getName().equals("META-INF/services/org.apache.nifi.controller.ControllerService")) {
                        serviceFile = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
    }

    @Test
    void weighsUnderFortyMebibytes() throws IOException {
        assertTrue(Files.size(nar) <= MAX_BYTES, nar.getFileName() + " weighs " + Files.size(nar) + " bytes");
    }

    @Test
    void itsParentIsTheServiceApiNar() throws IOException {
        final Manifest manifest;
        try (ZipFile zip = new ZipFile(nar.toFile()); InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        assertEquals("nifi-idcard-offline-nar", manifest.getMainAttributes().getValue("Nar-Id"));
        assertEquals("nifi-idcard-service-api-nar", manifest.getMainAttributes().getValue("Nar-Dependency-Id"));
    }

    @Test
    void bundlesOnlyTheOfflineJar() throws IOException {
        // ONNX Runtime and the models are repacked into it; the API, nifi-api and nifi-utils come from the parents
        try (ZipFile zip = new ZipFile(nar.toFile())) {
            final List<String> jars = zip.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("META-INF/bundled-dependencies/") && n.endsWith(".jar")).toList();
            assertEquals(1, jars.size(), jars.toString());
        }
    }

    @Test
    void carriesTheLinuxNativesAndTheFourModelFilesOnly() {
        final Set<String> platforms = new TreeSet<>();
        offlineJarEntries.stream().filter(e -> e.startsWith("ai/onnxruntime/native/") && !e.endsWith("/"))
                .forEach(e -> platforms.add(e.split("/")[3]));
        assertEquals(Set.of("linux-aarch64", "linux-x64"), platforms);
        assertEquals(List.of("models/ch_PP-OCRv4_det_infer.onnx", "models/ch_PP-OCRv4_rec_infer.onnx",
                "models/ch_ppocr_mobile_v2.0_cls_infer.onnx", "models/ppocr_keys_v1.txt"),
                offlineJarEntries.stream().filter(e -> e.startsWith("models/") && !e.endsWith("/")).sorted().toList());
        assertTrue(offlineJarEntries.contains("ThirdPartyNotices.txt"), "ONNX Runtime's third-party notices");
    }

    @Test
    void registersTheServiceWithItsDocumentation() throws IOException {
        assertNotNull(serviceFile, "no META-INF/services file");
        assertTrue(serviceFile.contains(SERVICE), serviceFile);
        assertTrue(offlineJarEntries.contains("docs/" + SERVICE + "/additionalDetails.md"));
        try (ZipFile zip = new ZipFile(nar.toFile())) {
            assertNotNull(zip.getEntry("META-INF/LICENSE"));
            assertNotNull(zip.getEntry("META-INF/NOTICE"));
            final String manifest = new String(zip.getInputStream(zip.getEntry("META-INF/docs/extension-manifest.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(manifest.contains("<name>" + SERVICE + "</name>"), "service missing from the extension manifest");
        }
    }
}

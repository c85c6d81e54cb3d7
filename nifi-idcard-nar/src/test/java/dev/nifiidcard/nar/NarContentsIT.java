package dev.nifiidcard.nar;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the packaged NAR the way NiFi will load it. */
class NarContentsIT {

    private static final List<String> EXTENSIONS = List.of(
            "dev.nifiidcard.processors.SignAndRecognizeIdCard",
            "dev.nifiidcard.tencent.TencentCloudIdCardOcrService",
            "dev.nifiidcard.huiyan.TencentHuiyanIdCardOcrService",
            "dev.nifiidcard.wechat.WeChatIdCardOcrService",
            "dev.nifiidcard.jumdata.JumdataIdCardOcrService",
            "dev.nifiidcard.camera.GetCameraImage");

    private static Path nar;

    @BeforeAll
    static void locate() {
        nar = Path.of(System.getProperty("nar.file"));
        assertTrue(Files.isRegularFile(nar), "NAR not built: " + nar);
    }

    @Test
    void manifestNamesTheParentNar() throws IOException {
        try (ZipFile zip = new ZipFile(nar.toFile())) {
            final Manifest manifest = new Manifest(zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF")));
            assertEquals("nifi-standard-services-api-nar", manifest.getMainAttributes().getValue("Nar-Dependency-Id"));
            assertEquals("nifi-idcard-nar", manifest.getMainAttributes().getValue("Nar-Id"));
        }
    }

    @Test
    void extensionManifestListsEveryComponent() throws IOException {
        final String manifest = read("META-INF/docs/extension-manifest.xml");
        for (final String extension : EXTENSIONS) {
            assertTrue(manifest.contains("<name>" + extension + "</name>"), extension + " missing from the extension manifest");
        }
        assertTrue(manifest.contains("<artifactId>nifi-standard-services-api-nar</artifactId>"));
    }

    @Test
    void bundlesOkHttpAndJacksonButNotTheNiFiApi() throws IOException {
        final List<String> jars = bundledJars();
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("okhttp-jvm-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("okio-jvm-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("jackson-databind-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("nifi-idcard-processors-")), jars.toString());
        // these come from NiFi itself or from the parent NAR: a second copy would break class identity
        assertFalse(jars.stream().anyMatch(j -> j.startsWith("nifi-api-")), jars.toString());
        assertFalse(jars.stream().anyMatch(j -> j.startsWith("nifi-utils-")), jars.toString());
        assertFalse(jars.stream().anyMatch(j -> j.startsWith("nifi-ssl-context-service-api-")), jars.toString());
        assertFalse(jars.stream().anyMatch(j -> j.startsWith("nifi-proxy-configuration-api-")), jars.toString());
    }

    @Test
    void serviceFilesAndDocsAreInTheBundleJars() throws IOException {
        final List<String> services = new ArrayList<>();
        final List<String> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(nar.toFile())) {
            final List<ZipEntry> jars = zip.stream()
                    .filter(e -> e.getName().matches("META-INF/bundled-dependencies/nifi-idcard-.*\\.jar"))
                    .map(ZipEntry.class::cast)
                    .toList();
            assertEquals(2, jars.size(), "the processors and camera source jars");
            for (final ZipEntry jar : jars) {
                try (JarInputStream in = new JarInputStream(zip.getInputStream(jar))) {
                    for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                        entries.add(entry.getName());
                        if (entry.getName().startsWith("META-INF/services/org.apache.nifi.")) {
                            services.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
        for (final String extension : EXTENSIONS) {
            assertTrue(services.stream().anyMatch(s -> s.contains(extension)), extension + " missing from META-INF/services");
            assertTrue(entries.contains("docs/" + extension + "/additionalDetails.md"), extension + " has no additionalDetails.md");
        }
    }

    private static List<String> bundledJars() throws IOException {
        try (ZipFile zip = new ZipFile(nar.toFile())) {
            return zip.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.startsWith("META-INF/bundled-dependencies/") && name.endsWith(".jar"))
                    .map(name -> name.substring("META-INF/bundled-dependencies/".length()))
                    .toList();
        }
    }

    private static String read(final String entry) throws IOException {
        try (ZipFile zip = new ZipFile(nar.toFile())) {
            final ZipEntry found = zip.getEntry(entry);
            assertNotNull(found, entry + " missing from the NAR");
            try (InputStream in = zip.getInputStream(found)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}

package dev.nifiidcard.nar;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the two packaged NARs the way NiFi will load them: the service API NAR and its child, the bundle NAR. */
class NarContentsIT {

    private static final List<String> EXTENSIONS = List.of(
            "dev.nifiidcard.processors.SignAndRecognizeIdCard",
            "dev.nifiidcard.tencent.TencentCloudIdCardOcrService",
            "dev.nifiidcard.huiyan.TencentHuiyanIdCardOcrService",
            "dev.nifiidcard.wechat.WeChatIdCardOcrService",
            "dev.nifiidcard.jumdata.JumdataIdCardOcrService",
            "dev.nifiidcard.camera.GetCameraImage");

    private static Path nar;
    private static Path apiNar;

    @BeforeAll
    static void locate() {
        nar = Path.of(System.getProperty("nar.file"));
        apiNar = Path.of(System.getProperty("api.nar.file"));
        assertTrue(Files.isRegularFile(nar), "NAR not built: " + nar);
        assertTrue(Files.isRegularFile(apiNar), "service API NAR not built: " + apiNar);
    }

    @Test
    void manifestsChainTheNarsToNiFisServiceApis() throws IOException {
        final Manifest manifest = manifest(nar);
        assertEquals("nifi-idcard-nar", manifest.getMainAttributes().getValue("Nar-Id"));
        assertEquals("nifi-idcard-service-api-nar", manifest.getMainAttributes().getValue("Nar-Dependency-Id"));
        assertEquals("dev.nifiidcard", manifest.getMainAttributes().getValue("Nar-Dependency-Group"));

        final Manifest api = manifest(apiNar);
        assertEquals("nifi-idcard-service-api-nar", api.getMainAttributes().getValue("Nar-Id"));
        assertEquals("nifi-standard-services-api-nar", api.getMainAttributes().getValue("Nar-Dependency-Id"));
        assertEquals("org.apache.nifi", api.getMainAttributes().getValue("Nar-Dependency-Group"));
    }

    @Test
    void extensionManifestListsEveryComponentAndTheParent() throws IOException {
        final String manifest = read(nar, "META-INF/docs/extension-manifest.xml");
        for (final String extension : EXTENSIONS) {
            assertTrue(manifest.contains("<name>" + extension + "</name>"), extension + " missing from the extension manifest");
        }
        assertTrue(manifest.contains("<artifactId>nifi-idcard-service-api-nar</artifactId>"), "parent NAR missing from the manifest");
    }

    @Test
    void apiNarHoldsOnlyTheContract() throws IOException {
        assertEquals(List.of("nifi-idcard-service-api-0.1.0-SNAPSHOT.jar"), bundledJars(apiNar).stream()
                .map(j -> j.replaceAll("-\\d.*\\.jar$", "-0.1.0-SNAPSHOT.jar")).toList());
        final Set<String> classes = classesIn(apiNar);
        assertTrue(classes.contains("dev/nifiidcard/ocr/IdCardOcrService.class"), classes.toString());
        // the contract, and the ID-number rules every provider's side checks cards with
        assertTrue(classes.stream().allMatch(c -> c.startsWith("dev/nifiidcard/ocr/") || c.startsWith("dev/nifiidcard/idnumber/")),
                "only the contract's packages: " + classes);
    }

    @Test
    void noApiClassIsDuplicatedInTheChildNar() throws IOException {
        final Set<String> apiClasses = classesIn(apiNar);
        final Set<String> duplicated = new HashSet<>(classesIn(nar));
        duplicated.retainAll(apiClasses);
        // a second copy would load in the child's class loader, and the processor would not see the provider as an IdCardOcrService
        assertTrue(duplicated.isEmpty(), "classes of the service API NAR also in nifi-idcard-nar: " + duplicated);
        assertFalse(bundledJars(nar).stream().anyMatch(j -> j.startsWith("nifi-idcard-service-api-")), bundledJars(nar).toString());
    }

    @Test
    void bundlesOkHttpAndJacksonButNotTheNiFiApi() throws IOException {
        final List<String> jars = bundledJars(nar);
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("okhttp-jvm-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("okio-jvm-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("jackson-databind-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("nifi-idcard-processors-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("nifi-idcard-commons-")), jars.toString());
        // these come from NiFi itself or from the parent NARs: a second copy would break class identity
        for (final Path bundle : List.of(nar, apiNar)) {
            final List<String> bundled = bundledJars(bundle);
            assertFalse(bundled.stream().anyMatch(j -> j.startsWith("nifi-api-")), bundled.toString());
            assertFalse(bundled.stream().anyMatch(j -> j.startsWith("nifi-utils-")), bundled.toString());
            assertFalse(bundled.stream().anyMatch(j -> j.startsWith("nifi-ssl-context-service-api-")), bundled.toString());
            assertFalse(bundled.stream().anyMatch(j -> j.startsWith("nifi-proxy-configuration-api-")), bundled.toString());
        }
    }

    @Test
    void licenseAndNoticeNameTheBundledThirdPartyJars() throws IOException {
        for (final Path bundle : List.of(nar, apiNar)) {
            assertNotNull(entry(bundle, "META-INF/LICENSE"), bundle + " has no LICENSE");
            assertNotNull(entry(bundle, "META-INF/NOTICE"), bundle + " has no NOTICE");
        }
        final String license = read(nar, "META-INF/LICENSE");
        final String notice = read(nar, "META-INF/NOTICE");
        for (final String jar : bundledJars(nar)) {
            if (jar.startsWith("nifi-idcard-")) {
                continue;
            }
            final String artifact = jar.replaceAll("-\\d[^-]*(-SNAPSHOT)?\\.jar$", "");
            assertTrue(license.contains(artifact) || notice.contains(artifact), artifact + " is bundled but named in neither LICENSE nor NOTICE");
        }
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
            assertEquals(3, jars.size(), "the processors, camera source and commons jars");
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

    private static Manifest manifest(final Path bundle) throws IOException {
        try (ZipFile zip = new ZipFile(bundle.toFile()); InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
            return new Manifest(in);
        }
    }

    /** Every class file in every jar the NAR bundles. */
    private static Set<String> classesIn(final Path bundle) throws IOException {
        final Set<String> classes = new HashSet<>();
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            for (final ZipEntry jar : zip.stream().filter(e -> e.getName().startsWith("META-INF/bundled-dependencies/")
                    && e.getName().endsWith(".jar")).map(ZipEntry.class::cast).toList()) {
                try (JarInputStream in = new JarInputStream(zip.getInputStream(jar))) {
                    for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                        if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                            classes.add(entry.getName());
                        }
                    }
                }
            }
        }
        return classes;
    }

    private static List<String> bundledJars(final Path bundle) throws IOException {
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            return zip.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.startsWith("META-INF/bundled-dependencies/") && name.endsWith(".jar"))
                    .map(name -> name.substring("META-INF/bundled-dependencies/".length()))
                    .toList();
        }
    }

    private static ZipEntry entry(final Path bundle, final String name) throws IOException {
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            return zip.getEntry(name);
        }
    }

    private static String read(final Path bundle, final String entry) throws IOException {
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            final ZipEntry found = zip.getEntry(entry);
            assertNotNull(found, entry + " missing from " + bundle.getFileName());
            try (InputStream in = zip.getInputStream(found)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}

package dev.nifiidcard.offline.ocr;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.nifiidcard.offline.OfflineModels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The three PaddleOCR sessions and the recognition dictionary, loaded once from the classpath and shared by every
 * caller: {@link OrtSession#run} is thread-safe, so the sessions are the only shared state.
 */
public final class OcrModels implements AutoCloseable {

    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions options;
    private final OrtSession detection;
    private final OrtSession classification;
    private final OrtSession recognition;
    /** CTC classes: index 0 the blank, then the dictionary's lines, then the space PaddleOCR appends. */
    private final String[] characters;
    private final long loadMillis;

    private OcrModels(final int intraOpThreads, final Map<String, String> expectedSha256) throws IOException, OrtException {
        final long start = System.nanoTime();
        // read and verify all four before creating any session, so a tampered file costs no native memory
        final Map<String, byte[]> files = new HashMap<>();
        for (final String resource : List.of(OfflineModels.DICTIONARY, OfflineModels.ANGLE_CLASSIFIER,
                OfflineModels.DETECTION, OfflineModels.RECOGNITION)) {
            files.put(resource, readVerified(resource, expectedSha256.get(resource)));
        }
        characters = dictionary(files.get(OfflineModels.DICTIONARY));
        environment = OrtEnvironment.getEnvironment();
        options = sessionOptions(intraOpThreads);
        OrtSession det = null;
        OrtSession cls = null;
        try {
            det = environment.createSession(files.get(OfflineModels.DETECTION), options);
            cls = environment.createSession(files.get(OfflineModels.ANGLE_CLASSIFIER), options);
            recognition = environment.createSession(files.get(OfflineModels.RECOGNITION), options);
        } catch (final OrtException | RuntimeException e) {
            closeQuietly(det);
            closeQuietly(cls);
            options.close();
            throw e;
        }
        detection = det;
        classification = cls;
        loadMillis = (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Loads the models pinned by {@link OfflineModels#SHA_256}.
     *
     * @param intraOpThreads threads ONNX Runtime may use inside one operator (1 keeps each call on its caller's thread)
     */
    public static OcrModels load(final int intraOpThreads) throws IOException, OrtException {
        return load(intraOpThreads, OfflineModels.SHA_256);
    }

    /** Loads the models, refusing any whose SHA-256 differs from {@code expectedSha256}'s. */
    static OcrModels load(final int intraOpThreads, final Map<String, String> expectedSha256) throws IOException, OrtException {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1, not " + intraOpThreads);
        }
        return new OcrModels(intraOpThreads, expectedSha256);
    }

    private static OrtSession.SessionOptions sessionOptions(final int intraOpThreads) throws OrtException {
        final OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // spinning threads would burn a core each between calls, which NiFi's other tasks need
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            return options;
        } catch (final OrtException e) {
            options.close();
            throw e;
        }
    }

    private static byte[] readVerified(final String resource, final String expectedSha256) throws IOException {
        if (expectedSha256 == null) {
            throw new IOException("No pinned SHA-256 for OCR model " + resource);
        }
        final byte[] bytes;
        try (InputStream in = OcrModels.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("OCR model " + resource + " is missing from the classpath");
            }
            bytes = in.readAllBytes();
        }
        final String actual;
        try {
            actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
        if (!actual.equalsIgnoreCase(expectedSha256)) {
            throw new IOException("OCR model " + resource + " has SHA-256 " + actual + " but " + expectedSha256
                    + " is pinned: refusing to load it");
        }
        return bytes;
    }

    private static String[] dictionary(final byte[] file) {
        final List<String> classes = new ArrayList<>();
        classes.add("");
        for (final String line : new String(file, StandardCharsets.UTF_8).split("\n", -1)) {
            final String character = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!character.isEmpty()) {
                classes.add(character);
            }
        }
        classes.add(" ");
        return classes.toArray(String[]::new);
    }

    private static void closeQuietly(final OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (final OrtException ignored) {
                // already failing: the first exception is the one to report
            }
        }
    }

    OrtEnvironment environment() {
        return environment;
    }

    OrtSession detection() {
        return detection;
    }

    OrtSession classification() {
        return classification;
    }

    OrtSession recognition() {
        return recognition;
    }

    /** Each CTC class's text (a copy): index 0 the blank (empty), then the dictionary, then the space. */
    String[] characters() {
        return characters.clone();
    }

    /** Wall-clock milliseconds the load took: reading, hashing and creating the three sessions. */
    public long loadMillis() {
        return loadMillis;
    }

    @Override
    public void close() throws OrtException {
        try {
            detection.close();
            classification.close();
            recognition.close();
        } finally {
            options.close();
        }
    }
}

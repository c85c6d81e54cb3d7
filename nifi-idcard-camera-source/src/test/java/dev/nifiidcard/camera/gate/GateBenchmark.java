package dev.nifiidcard.camera.gate;

import dev.nifiidcard.camera.Frame;
import dev.nifiidcard.camera.specimen.SpecimenCameraSettings;
import dev.nifiidcard.camera.specimen.SpecimenRenderer;
import dev.nifiidcard.camera.specimen.SpecimenScene;
import dev.nifiidcard.camera.specimen.SpecimenScript;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Measures the quality gate per 1920×1080 camera frame on one thread against ImageIO's decoders. Not a unit test:
 * run it from the repository root with
 * <pre>
 * ./mvnw -q -B -pl nifi-idcard-camera-source test-compile exec:exec -Dexec.executable=java \
 *     -Dexec.classpathScope=test -Dexec.args="-cp %classpath dev.nifiidcard.camera.gate.GateBenchmark"
 * </pre>
 * prefixed with {@code taskset -c 0} to pin it to one core. Frames are ~50 scenes spread over the specimen loop
 * (empty desk, moving, still and blurred cards), JPEG quality 0.9 like a camera's; the outline row measures
 * {@link OutlineDetector} alone on them, the row after it the whole analysis of the frames only the outline finds.
 */
public final class GateBenchmark {

    private static final int FRAMES = 50;
    private static final int WARM_UP_ROUNDS = 8;
    private static final int MEASURED_ROUNDS = 10;

    private GateBenchmark() {
    }

    /** One measured operation on frame {@code index}. */
    private interface Operation {
        void run(int index) throws IOException;
    }

    public static void main(final String[] args) throws IOException {
        final SpecimenCameraSettings settings = SpecimenCameraSettings.DEFAULTS.withSize(1920, 1080);
        final SpecimenScript script = new SpecimenScript(settings);
        final SpecimenRenderer renderer = new SpecimenRenderer();
        final long loop = script.framesPerPresentation() * 6;
        final List<byte[]> jpegs = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            jpegs.add(renderer.jpeg(script.sceneAt(i * loop / FRAMES), settings.jpegQuality()));
        }

        final QualityGate gate = new QualityGate(GateMode.SHARP_STILL_CARD, GateSettings.DEFAULTS);
        final long[] frameNumber = {0};
        final Operation fullGate = i -> gate.offer(Frame.jpeg(jpegs.get(i), Instant.EPOCH.plusMillis(100 * frameNumber[0]++)));
        final Operation scaledDecode = i -> ScaledJpegDecoder.decode(jpegs.get(i), 4);
        final FrameAnalyzer analyzer = new FrameAnalyzer();
        final List<ScaledLuma> lumas = new ArrayList<>();
        for (final byte[] jpeg : jpegs) {
            lumas.add(ScaledJpegDecoder.decode(jpeg, 4));
        }
        final Operation analysis = i -> analyzer.analyze(lumas.get(i));
        final Operation outline = i -> OutlineDetector.detect(lumas.get(i));
        final List<ScaledLuma> outlineOnly = outlineOnlyScenes();
        final Operation outlineOnlyAnalysis = i -> analyzer.analyze(outlineOnly.get(i % outlineOnly.size()));
        final Operation imageIoFull = i -> ImageIO.read(new ByteArrayInputStream(jpegs.get(i)));
        final Operation imageIoSubsampled = i -> imageIoSubsampled(jpegs.get(i), 4);

        final String[] names = {"(a) quality gate, SHARP_STILL_CARD, incl. decode", "    of which scaled luma decode (1/4)",
                "    of which analysis", "        of which card outline detection",
                "    analysis of cards found by outline only", "(b) ImageIO full decode", "(c) ImageIO decode, source subsampling 4"};
        final Operation[] operations = {fullGate, scaledDecode, analysis, outline, outlineOnlyAnalysis, imageIoFull, imageIoSubsampled};
        final double[][] times = new double[operations.length][];
        for (int i = 0; i < operations.length; i++) {
            times[i] = measure(operations[i], jpegs.size());
        }

        final int[] sizes = jpegs.stream().mapToInt(jpeg -> jpeg.length / 1024).sorted().toArray();
        System.out.printf(Locale.ROOT, "%d frames 1920x1080, JPEG quality %.1f: %d..%d KB, median %d KB; %s %s, %d available processor(s)%n",
                FRAMES, settings.jpegQuality(), sizes[0], sizes[sizes.length - 1], sizes[sizes.length / 2],
                System.getProperty("java.vm.name"), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.println();
        System.out.println("| per frame, one thread                            | median ms | p99 ms |");
        System.out.println("|--------------------------------------------------|----------:|-------:|");
        for (int i = 0; i < operations.length; i++) {
            System.out.printf(Locale.ROOT, "| %-48s | %9.2f | %6.2f |%n", names[i], percentile(times[i], 0.5), percentile(times[i], 0.99));
        }
    }

    /** The outline tests' scenes (dark band, holder, dark cards, light card on a light desk), decoded once. */
    private static List<ScaledLuma> outlineOnlyScenes() throws IOException {
        final OutlineScenes scenes = new OutlineScenes();
        return List.of(scenes.bandedCard(), scenes.cardInHolder(), scenes.darkCard(SpecimenScene.Desk.LIGHT),
                scenes.darkCard(SpecimenScene.Desk.WOOD), scenes.lightCardOnLightDesk());
    }

    /** Milliseconds per frame over the measured rounds, after warming up. */
    private static double[] measure(final Operation operation, final int frames) throws IOException {
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (int i = 0; i < frames; i++) {
                operation.run(i);
            }
        }
        final double[] times = new double[MEASURED_ROUNDS * frames];
        int n = 0;
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            for (int i = 0; i < frames; i++) {
                final long start = System.nanoTime();
                operation.run(i);
                times[n++] = (System.nanoTime() - start) / 1e6;
            }
        }
        return times;
    }

    private static double percentile(final double[] values, final double fraction) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
    }

    private static void imageIoSubsampled(final byte[] jpeg, final int scale) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            final ImageReader reader = ImageIO.getImageReaders(input).next();
            try {
                reader.setInput(input, true, true);
                final ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(scale, scale, 0, 0);
                reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }
}

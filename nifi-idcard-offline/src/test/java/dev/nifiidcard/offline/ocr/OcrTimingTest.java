package dev.nifiidcard.offline.ocr;

import dev.nifiidcard.cardgen.CjkFonts;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prints the CPU one 1920×1080 card frame costs on one intra-op thread (ONNX Runtime then computes on the calling
 * thread, so the thread's CPU time is the frame's); asserts only that the frames were read, never a time.
 */
class OcrTimingTest {

    private static final int WARM_UP = 2;
    private static final int ROUNDS = Integer.getInteger("ocr.timing.rounds", 2);

    @Test
    void printsTheCpuPerFrameByStage() throws Exception {
        final List<BufferedImage> upright = new ArrayList<>();
        for (final CjkFonts family : CjkFonts.ALL) {
            upright.add(TestImages.card(family, TestImages.NAME));
            upright.add(TestImages.jpeg(TestImages.tilted(TestImages.card(family, TestImages.NAME), 12), 0.8f));
        }
        final BufferedImage turned = TestImages.turnedCounterClockwise(upright.get(0), 1);
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (OcrModels models = OcrModels.load(1)) {
            final OcrEngine engine = new OcrEngine(models);
            for (int i = 0; i < WARM_UP; i++) {
                engine.read(upright.get(i));
            }
            final List<long[]> uprightSamples = new ArrayList<>();
            final List<long[]> turnedSamples = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (final BufferedImage frame : upright) {
                    uprightSamples.add(measure(engine, frame, threads));
                }
                turnedSamples.add(measure(engine, turned, threads));
            }
            System.out.println("OcrModels load: " + models.loadMillis() + " ms; " + residentMemory());
            print("upright or tilted card, 1920x1080", uprightSamples);
            print("card turned a quarter (two detections)", turnedSamples);
        }
    }

    /** cpu, det, cls, rec in ms. */
    private static long[] measure(final OcrEngine engine, final BufferedImage frame, final ThreadMXBean threads) throws Exception {
        final long cpu = threads.getCurrentThreadCpuTime();
        final OcrPage page = engine.read(frame);
        final long spent = threads.getCurrentThreadCpuTime() - cpu;
        assertTrue(page.lines().stream().anyMatch(line -> line.text().equals(TestImages.NUMBER)), page.lines()::toString);
        return new long[] {spent / 1_000_000, page.timings().detection() / 1_000_000,
            page.timings().classification() / 1_000_000, page.timings().recognition() / 1_000_000};
    }

    private static void print(final String title, final List<long[]> samples) {
        System.out.printf("%s: %d frames, median ms: cpu %d (wall det %d, cls %d, rec %d)%n", title, samples.size(),
                median(samples, 0), median(samples, 1), median(samples, 2), median(samples, 3));
    }

    /** The process's resident set, native memory included (Linux only). */
    private static String residentMemory() throws java.io.IOException {
        final java.nio.file.Path status = java.nio.file.Path.of("/proc/self/status");
        if (!java.nio.file.Files.exists(status)) {
            return "resident memory unknown";
        }
        return java.nio.file.Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM") || line.startsWith("VmRSS"))
                .map(line -> line.replaceAll("\\s+", " ")).toList().toString();
    }

    private static long median(final List<long[]> samples, final int column) {
        final long[] values = samples.stream().mapToLong(sample -> sample[column]).toArray();
        Arrays.sort(values);
        return values[values.length / 2];
    }
}

package dev.nifiidcard.camera.gate;

import dev.nifiidcard.camera.specimen.SpecimenCameraSettings;
import dev.nifiidcard.camera.specimen.SpecimenRenderer;
import dev.nifiidcard.camera.specimen.SpecimenScript;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the gate's decode costs for each hostile kind of frame, refused or decoded, on one thread. Not a unit test: run
 * it from the repository root with
 * <pre>
 * ./mvnw -q -B -pl nifi-idcard-camera-source test-compile exec:exec \
 *     -Dexec.args="-cp %classpath dev.nifiidcard.camera.gate.HostileFrameBenchmark"
 * </pre>
 */
public final class HostileFrameBenchmark {

    private static final int WARM_UP_ROUNDS = 5;
    private static final int MEASURED_ROUNDS = 15;

    private HostileFrameBenchmark() {
    }

    public static void main(final String[] args) throws IOException {
        final SpecimenCameraSettings settings = SpecimenCameraSettings.DEFAULTS.withSize(1920, 1080);
        final SpecimenScript script = new SpecimenScript(settings);
        final byte[] frame = new SpecimenRenderer().jpeg(script.sceneAt(script.framesPerPresentation() * 3), settings.jpegQuality());
        final byte[] damaged = frame.clone();
        for (int at = frame.length / 3; at < frame.length - 2; at += frame.length / 40) {
            damaged[at] ^= 0x5A; // about 20 damaged bytes from a third of the scan on, like ffmpeg's noise filter
        }
        final byte[] small = HostileFrames.baseline(160, 120);
        final byte[] progressive = TestJpegs.jpeg(TestJpegs.photo(1920, 1080, 3, BufferedImage.TYPE_3BYTE_BGR), 0.9f, 2, 2, 0, true);
        final Object[][] cases = {
                {"1080p baseline frame (the fast path)", frame},
                {"1080p frame without DHT (standard tables)", HostileFrames.withoutHuffmanTables(frame)},
                {"1080p frame damaged in transit (corrupt)", damaged},
                {"9 KB frame claiming 10000x10000", HostileFrames.claimingSize(HostileFrames.baseline(200, 150), 10000, 10000)},
                {"frame claiming 2368x38184", HostileFrames.claimingSize(HostileFrames.baseline(16, 16), 2368, 38184)},
                {"small frame claiming 6000x6000", HostileFrames.claimingSize(small, 6000, 6000)},
                {"progressive, 15 000 scans", HostileFrames.progressiveWithScans(15_000)},
                {"1 MB Huffman table flood", HostileFrames.huffmanFlood(small, 60_000)},
                {"arithmetic-coded (SOF9)", HostileFrames.withFrameMarker(small, 0xC9)},
                {"progressive 1920x1080, 10 scans (ImageIO)", progressive},
                {"progressive 1920x1080, the most scans within budget", mostScansWithinBudget(progressive)},
        };
        System.out.printf(Locale.ROOT, "%s %s, %d available processor(s)%n%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.println("| frame                                      |     bytes | median ms | max ms | allocated KB | outcome");
        System.out.println("|--------------------------------------------|----------:|----------:|-------:|-------------:|--------");
        for (final Object[] c : cases) {
            measure((String) c[0], (byte[]) c[1]);
        }
    }

    /** The costliest progressive frame ImageIO still gets: its last (largest) scan repeated while the budget allows. */
    private static byte[] mostScansWithinBudget(final byte[] progressive) throws IOException {
        byte[] within = progressive;
        for (int scans = 11; scans <= GeneralDecoderBudget.MAX_SCANS; scans++) {
            final byte[] more = HostileFrames.repeatingLastScan(progressive, scans);
            if (more.length > GeneralDecoderBudget.MAX_PIXELS * GeneralDecoderBudget.MAX_BYTES_PER_PIXEL) {
                break;
            }
            within = more;
        }
        return within;
    }

    private static void measure(final String name, final byte[] jpeg) {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String outcome = "";
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            outcome = decode(jpeg);
        }
        final double[] times = new double[MEASURED_ROUNDS];
        long allocated = 0;
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            final long bytesBefore = threads.getCurrentThreadAllocatedBytes();
            final long start = System.nanoTime();
            decode(jpeg);
            times[round] = (System.nanoTime() - start) / 1e6;
            allocated = Math.max(allocated, threads.getCurrentThreadAllocatedBytes() - bytesBefore);
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "| %-42s | %9d | %9.2f | %6.2f | %12d | %s%n", name, jpeg.length,
                times[MEASURED_ROUNDS / 2], times[MEASURED_ROUNDS - 1], allocated / 1024, outcome);
    }

    private static String decode(final byte[] jpeg) {
        try {
            final ScaledLuma luma = ScaledJpegDecoder.decode(jpeg, 4);
            return "decoded " + luma.width() + "x" + luma.height() + (luma.fallback() ? " by ImageIO" : "");
        } catch (final RefusedFrameException e) {
            return e.verdict();
        } catch (final IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}

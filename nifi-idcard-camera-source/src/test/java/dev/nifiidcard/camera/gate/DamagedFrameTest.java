package dev.nifiidcard.camera.gate;

import dev.nifiidcard.camera.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Frames damaged in transit are refused as corrupt: scores computed from garbage would pass the sharpness test. */
class DamagedFrameTest {

    private static final GateSettings NO_INTERVAL = GateSettings.DEFAULTS.withMinInterval(Duration.ZERO);

    private final SceneFrames frames = new SceneFrames();

    @Test
    void framesDamagedByFfmpegsNoiseFilterAreRefusedAsCorrupt(@TempDir final Path dir) throws Exception {
        final File ffmpeg = new File("/usr/bin/ffmpeg");
        assumeTrue(ffmpeg.canExecute(), "ffmpeg is not installed");
        final Frame sharp = frames.frame(SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT), 0);
        final QualityGate gate = new QualityGate(GateMode.SHARP, NO_INTERVAL);
        assertTrue(gate.offer(sharp).isPresent(), "the undamaged frame passes: " + gate.lastVerdict());
        final Path original = dir.resolve("sharp.jpg");
        Files.write(original, sharp.bytes());
        for (final int amount : new int[] {20_000, 5_000, 1_000}) {
            final byte[] damaged = noise(ffmpeg, dir, original, amount);
            final QualityGate fresh = new QualityGate(GateMode.SHARP, NO_INTERVAL);

            assertTrue(fresh.offer(Frame.jpeg(damaged, SceneFrames.START)).isEmpty(), "noise " + amount + ": " + fresh.lastVerdict());
            assertTrue(fresh.lastVerdict().startsWith("corrupt"), "noise " + amount + ": " + fresh.lastVerdict());
        }
    }

    /**
     * A single damaged byte often leaves the Huffman decoding in step (JPEG's codes resynchronize), changing a few
     * coefficients: no decoder can tell that from a real image, libjpeg included. Such a frame must not score sharper
     * than the undamaged one; every other one is refused as corrupt.
     */
    @Test
    void byteFlipsInTheScanAreRefusedAsCorruptOrScoreNoSharper() throws IOException {
        final Frame sharp = frames.frame(SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT), 0);
        final QualityGate reference = new QualityGate(GateMode.SHARP, NO_INTERVAL);
        reference.offer(sharp);
        final double sharpness = reference.lastScores().orElseThrow().sharpness();
        final JpegSegments.Segment scan = JpegSegments.read(sharp.bytes()).getLast();
        final int dataStart = scan.offset() + scan.length();
        final SplittableRandom random = new SplittableRandom(13);
        int corrupt = 0;
        final int flips = 100;
        for (int i = 0; i < flips; i++) {
            final byte[] damaged = sharp.bytes().clone();
            final int at = dataStart + random.nextInt(damaged.length - 2 - dataStart);
            damaged[at] = (byte) (damaged[at] ^ (1 + random.nextInt(255)));
            final QualityGate gate = new QualityGate(GateMode.SHARP, NO_INTERVAL);
            gate.offer(Frame.jpeg(damaged, SceneFrames.START));
            if (gate.lastVerdict().startsWith("corrupt")) {
                corrupt++;
            } else {
                final double damagedSharpness = gate.lastScores().orElseThrow().sharpness();
                assertTrue(damagedSharpness < sharpness * 1.01, "byte " + at + ": " + gate.lastVerdict() + ", undamaged " + sharpness);
            }
        }
        assertTrue(corrupt > flips / 10, corrupt + " of " + flips + " refused as corrupt");
    }

    private static byte[] noise(final File ffmpeg, final Path dir, final Path original, final int amount) throws Exception {
        final Path damaged = dir.resolve("noise" + amount + ".jpg");
        final Process process = new ProcessBuilder(ffmpeg.getPath(), "-loglevel", "error", "-y", "-i", original.toString(),
                "-c:v", "copy", "-bsf:v", "noise=amount=" + amount, "-frames:v", "1", damaged.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, () -> readLog(dir));
        final byte[] bytes = Files.readAllBytes(damaged);
        assertTrue(Files.mismatch(original, damaged) >= 0, "ffmpeg changed some bytes");
        return bytes;
    }

    private static String readLog(final Path dir) {
        try {
            return Files.readString(dir.resolve("ffmpeg.log"));
        } catch (final IOException e) {
            return e.toString();
        }
    }
}

package dev.nifiidcard.camera.gate;

import dev.nifiidcard.commons.jpeg.JpegMarkers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ScaledJpegDecoderTest {

    @ParameterizedTest(name = "{0}x{1} q{2} luma {3}x{4} restart {5} gray {6}")
    @CsvSource({
            "640, 480, 0.90, 2, 2, 0, false",
            "1280, 720, 0.75, 2, 1, 0, false",
            "333, 217, 0.95, 1, 1, 0, false",
            "401, 299, 0.80, 1, 1, 0, true",
            "517, 389, 0.85, 2, 2, 7, false",
            "250, 190, 0.90, 1, 1, 3, true",
    })
    void quarterScaleMatchesImageIoDecodedAndBoxDownscaled(final int width, final int height, final float quality,
                                                           final int lumaH, final int lumaV, final int restartInterval,
                                                           final boolean gray) throws Exception {
        final byte[] jpeg = TestJpegs.jpeg(TestJpegs.photo(width, height, width, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR),
                quality, lumaH, lumaV, restartInterval, false);

        final ScaledLuma luma = ScaledJpegDecoder.decode(jpeg, 4);

        assertFalse(luma.fallback(), "decoded by the fast decoder");
        assertEquals(width, luma.sourceWidth());
        assertEquals(height, luma.sourceHeight());
        assertEquals((width + 3) / 4, luma.width());
        assertEquals((height + 3) / 4, luma.height());
        final int[] reference = TestJpegs.boxLuma(jpeg, 4);
        final double difference = TestJpegs.meanAbsoluteDifference(luma, reference, width / 4);
        assertTrue(difference < 3, "mean absolute difference " + difference);
        // the AC terms must earn their keep: block means alone (the 1/8 decode, doubled) are several times worse
        final double blockMeansDifference = TestJpegs.meanAbsoluteDifference(doubled(ScaledJpegDecoder.decode(jpeg, 8), luma), reference, width / 4);
        assertTrue(difference < 0.3 * blockMeansDifference, "mean absolute difference " + difference + " against " + blockMeansDifference + " from block means");
    }

    @ParameterizedTest(name = "{0}x{1} q{2} luma {3}x{4} restart {5}")
    @CsvSource({
            "640, 480, 0.90, 2, 2, 0",
            "333, 217, 0.60, 2, 1, 5",
    })
    void eighthScaleIsTheBlockMean(final int width, final int height, final float quality, final int lumaH,
                                   final int lumaV, final int restartInterval) throws Exception {
        final byte[] jpeg = TestJpegs.jpeg(TestJpegs.photo(width, height, width, BufferedImage.TYPE_3BYTE_BGR), quality, lumaH, lumaV, restartInterval, false);

        final ScaledLuma luma = ScaledJpegDecoder.decode(jpeg, 8);

        assertFalse(luma.fallback());
        assertEquals((width + 7) / 8, luma.width());
        assertEquals((height + 7) / 8, luma.height());
        final double difference = TestJpegs.meanAbsoluteDifference(luma, TestJpegs.boxLuma(jpeg, 8), width / 8);
        assertTrue(difference < 1, "mean absolute difference " + difference);
    }

    @Test
    void fillBytesAndExtraSegmentsChangeNothing() throws Exception {
        final byte[] jpeg = TestJpegs.jpeg(TestJpegs.photo(300, 200, 3, BufferedImage.TYPE_3BYTE_BGR), 0.9f, 2, 2, 4, false);
        final ByteArrayOutputStream padded = new ByteArrayOutputStream();
        padded.write(jpeg, 0, 2);
        segment(padded, 0xE1, "Exif\0\0not really".getBytes(StandardCharsets.ISO_8859_1));
        segment(padded, 0xFE, "a comment".getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 2; i < jpeg.length; i++) {
            final int next = i + 1 < jpeg.length ? jpeg[i + 1] & 0xFF : 0;
            if ((jpeg[i] & 0xFF) == 0xFF && next != 0 && next != 0xFF) {
                padded.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}); // fill bytes before every marker, RSTn too
            }
            padded.write(jpeg[i]);
        }
        assertTrue(padded.size() > jpeg.length + 3 * 20, "restart markers were padded too");

        final ScaledLuma plain = ScaledJpegDecoder.decode(jpeg, 4);
        final ScaledLuma withFill = ScaledJpegDecoder.decode(padded.toByteArray(), 4);

        assertFalse(withFill.fallback());
        assertArrayEquals(plain.pixels(), withFill.pixels());
    }

    @Test
    void progressiveJpegFallsBackToImageIo() throws Exception {
        final byte[] jpeg = TestJpegs.jpeg(TestJpegs.photo(322, 181, 4, BufferedImage.TYPE_3BYTE_BGR), 0.9f, 2, 2, 0, true);
        assertEquals(0xC2, JpegSegments.read(jpeg).stream().filter(s -> JpegMarkers.isStartOfFrame(s.marker())).findFirst().orElseThrow().marker());

        final ScaledLuma luma = ScaledJpegDecoder.decode(jpeg, 4);

        assertTrue(luma.fallback());
        assertEquals(322, luma.sourceWidth());
        assertEquals(181, luma.sourceHeight());
        assertEquals(81, luma.width());
        assertEquals(46, luma.height());
        // ImageIO picks one pixel of each square instead of averaging: pixels differ, the brightness does not
        final double referenceMean = Arrays.stream(TestJpegs.boxLuma(jpeg, 4)).average().orElseThrow();
        final double mean = IntStream.range(0, luma.pixels().length).map(i -> luma.pixels()[i] & 0xFF).average().orElseThrow();
        assertEquals(referenceMean, mean, 3);
    }

    @Test
    void otherFormatsFallBackToImageIo() throws Exception {
        final ByteArrayOutputStream png = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(TestJpegs.photo(64, 40, 5, BufferedImage.TYPE_3BYTE_BGR), "png", png);

        final ScaledLuma luma = ScaledJpegDecoder.decode(png.toByteArray(), 8);

        assertTrue(luma.fallback());
        assertEquals(8, luma.width());
        assertEquals(5, luma.height());
    }

    @Test
    void truncatedJpegIsRefusedAsCorruptWithoutTheFallback() {
        final byte[] jpeg = TestJpegs.jpeg(TestJpegs.photo(640, 360, 6, BufferedImage.TYPE_3BYTE_BGR), 0.9f);
        for (final double kept : new double[] {0.05, 0.3, 0.6, 0.95}) {
            final byte[] truncated = Arrays.copyOf(jpeg, (int) (jpeg.length * kept));
            final RefusedFrameException e = assertThrows(RefusedFrameException.class, () -> ScaledJpegDecoder.decode(truncated, 4));
            assertEquals(RefusedFrameException.Kind.CORRUPT, e.kind(), e::getMessage);
        }
    }

    @Test
    void corruptBytesNeverEscapeAsAnythingButIOException() {
        final byte[] jpeg = TestJpegs.jpeg(TestJpegs.photo(96, 64, 7, BufferedImage.TYPE_3BYTE_BGR), 0.8f, 2, 2, 2, false);
        final SplittableRandom random = new SplittableRandom(7);
        int decoded = 0;
        for (int i = 0; i < 300; i++) {
            final byte[] corrupt = jpeg.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                corrupt[2 + random.nextInt(corrupt.length - 2)] = (byte) random.nextInt(256);
            }
            try {
                ScaledJpegDecoder.decode(corrupt, 4);
                decoded++;
            } catch (final IOException expected) {
                // refusing is fine; any other exception fails the test
            }
        }
        assertTrue(decoded > 0, "most single-byte corruptions still decode");
    }

    @Test
    void garbageIsRefusedWithAReason() {
        final IOException e = assertThrows(IOException.class,
                () -> ScaledJpegDecoder.decode("<html>502 Bad Gateway</html>".getBytes(StandardCharsets.US_ASCII), 4));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void hostileDimensionsAreRefusedBeforeAnyAllocation() throws Exception {
        final byte[] jpeg = TestJpegs.jpeg(TestJpegs.photo(64, 64, 8, BufferedImage.TYPE_3BYTE_BGR), 0.8f);
        final JpegSegments.Segment frame = frameHeader(jpeg);
        jpeg[frame.offset() + 1] = (byte) 0x9C; // height 40 000 ...
        jpeg[frame.offset() + 2] = (byte) 0x40;
        jpeg[frame.offset() + 3] = (byte) 0x9C; // ... width 40 000
        jpeg[frame.offset() + 4] = (byte) 0x40;

        final IOException e = assertThrows(IOException.class, () -> ScaledJpegDecoder.decode(jpeg, 4));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void decodesFfmpegJpegsWithOptimizedHuffmanTables(@TempDir final Path dir) throws Exception {
        final File ffmpeg = new File("/usr/bin/ffmpeg");
        assumeTrue(ffmpeg.canExecute(), "ffmpeg is not installed");
        final Path file = dir.resolve("testsrc2.jpg");
        final Process process = new ProcessBuilder(ffmpeg.getPath(), "-loglevel", "error", "-f", "lavfi",
                "-i", "testsrc2=size=642x362:rate=1", "-frames:v", "1", "-pix_fmt", "yuvj422p", "-q:v", "3", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, () -> log(dir));
        final byte[] jpeg = Files.readAllBytes(file);

        final ScaledLuma luma = ScaledJpegDecoder.decode(jpeg, 4);

        assertFalse(luma.fallback());
        assertEquals(161, luma.width());
        final double difference = TestJpegs.meanAbsoluteDifference(luma, TestJpegs.boxLuma(jpeg, 4), 642 / 4);
        assertTrue(difference < 3, "mean absolute difference " + difference);
    }

    @Test
    void readsTheSizeFromTheFrameHeaderOnly() throws Exception {
        final byte[] jpeg = TestJpegs.jpeg(TestJpegs.photo(123, 45, 9, BufferedImage.TYPE_3BYTE_BGR), 0.8f);
        assertEquals(new FrameSize(123, 45), JpegSegments.size(Arrays.copyOf(jpeg, 700)));
    }

    /** Each pixel of the 1/8 image as a 2×2 square, at the size of the 1/4 image. */
    private static ScaledLuma doubled(final ScaledLuma eighth, final ScaledLuma quarter) {
        final byte[] pixels = new byte[quarter.width() * quarter.height()];
        for (int y = 0; y < quarter.height(); y++) {
            for (int x = 0; x < quarter.width(); x++) {
                pixels[y * quarter.width() + x] = (byte) eighth.at(x / 2, y / 2);
            }
        }
        return new ScaledLuma(quarter.sourceWidth(), quarter.sourceHeight(), 4, quarter.width(), quarter.height(), pixels, false);
    }

    private static JpegSegments.Segment frameHeader(final byte[] jpeg) throws IOException {
        return JpegSegments.read(jpeg).stream().filter(s -> s.marker() == 0xC0).findFirst().orElseThrow();
    }

    private static String log(final Path dir) {
        try {
            return Files.readString(dir.resolve("ffmpeg.log"));
        } catch (final IOException e) {
            return e.toString();
        }
    }

    private static void segment(final ByteArrayOutputStream out, final int marker, final byte[] payload) {
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write(payload.length + 2);
        out.writeBytes(payload);
    }
}

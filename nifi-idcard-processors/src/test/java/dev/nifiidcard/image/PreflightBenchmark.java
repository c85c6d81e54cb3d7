package dev.nifiidcard.image;

import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageFormat;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Cost of {@link ImagePreflight#check} per image, on one thread, with a full ImageIO decode beside it for scale. Not a
 * test: run by hand (command in docs/performance.md, "Pre-flight").
 */
public final class PreflightBenchmark {

    private static final ImageConstraints CONSTRAINTS = new ImageConstraints(EnumSet.allOf(ImageFormat.class), 64_000_000, 160, 10_000);
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private PreflightBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        System.out.println("| Image | Bytes | Pre-flight median | p99 | CPU median | Allocated per call | ImageIO decode median |");
        System.out.println("|---|---|---|---|---|---|---|");
        // at ImageIO's default quality this texture takes about 0.2 bytes per pixel: 200 KB, 1 MB, 5 MB
        run("JPEG 1280x800", encode(card(1280, 800), "jpg"), 300);
        run("JPEG 2800x1760", encode(card(2800, 1760), "jpg"), 100);
        run("JPEG 6300x3950", encode(card(6300, 3950), "jpg"), 40);
        run("PNG 1600x1000 RGB", encode(card(1600, 1000), "png"), 60);
        run("BMP 1600x1000 24-bit", encode(card(1600, 1000), "bmp"), 200);
        // the worst a PNG can cost within Tencent's limits: 800 MB of zeros to inflate, no ImageIO decode (7.5 GB raster)
        run("PNG 10000x10000 RGBA 16-bit, all zero", zeroPng(10_000, 10_000), 5, false);
    }

    private static void run(final String name, final byte[] image, final int calls) throws Exception {
        run(name, image, calls, true);
    }

    private static void run(final String name, final byte[] image, final int calls, final boolean decodeToo) throws Exception {
        for (int i = 0; i < calls / 2 + 10; i++) {
            preflight(image);
        }
        final long[] wall = new long[calls];
        final long[] cpu = new long[calls];
        long allocated = 0;
        for (int i = 0; i < calls; i++) {
            final long cpuBefore = THREADS.getCurrentThreadCpuTime();
            final long allocBefore = THREADS.getCurrentThreadAllocatedBytes();
            final long before = System.nanoTime();
            preflight(image);
            wall[i] = System.nanoTime() - before;
            allocated += THREADS.getCurrentThreadAllocatedBytes() - allocBefore;
            cpu[i] = THREADS.getCurrentThreadCpuTime() - cpuBefore;
        }
        final long[] decode = new long[decodeToo ? Math.max(5, calls / 10) : 0];
        for (int i = 0; i < decode.length; i++) {
            final long before = System.nanoTime();
            ImageIO.read(new ByteArrayInputStream(image));
            decode[i] = System.nanoTime() - before;
        }
        System.out.printf("| %s | %,d | %s | %s | %s | %,d B | %s |%n", name, image.length, ms(percentile(wall, 50)),
                ms(percentile(wall, 99)), ms(percentile(cpu, 50)), allocated / calls, decode.length == 0 ? "not run" : ms(percentile(decode, 50)));
    }

    private static void preflight(final byte[] image) throws Exception {
        ImagePreflight.check(new ByteArrayInputStream(image), image.length, CONSTRAINTS);
    }

    private static long percentile(final long[] values, final int percent) {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }

    private static String ms(final long nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }

    /** A card-like gradient with noise, so that it compresses like a photo. */
    private static BufferedImage card(final int width, final int height) {
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Random random = new Random(13);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                final int base = 90 + 120 * x / width;
                final int v = Math.max(0, Math.min(255, base + random.nextInt(41) - 20));
                image.setRGB(x, y, (v << 16) | ((v * 9 / 10) << 8) | (v * 8 / 10));
            }
        }
        return image;
    }

    /** A PNG whose image data is {@code width x height} RGBA 16-bit pixels of zero, deflated row by row. */
    private static byte[] zeroPng(final int width, final int height) throws IOException {
        final ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(zlib, new Deflater(Deflater.BEST_COMPRESSION))) {
            final byte[] row = new byte[1 + width * 8];
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        }
        final ByteArrayOutputStream png = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(png);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 16).put((byte) 6).array());
        chunk(out, "IDAT", zlib.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(final DataOutputStream out, final String type, final byte[] data) throws IOException {
        final CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        out.writeInt(data.length);
        out.writeBytes(type);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }

    private static byte[] encode(final BufferedImage image, final String format) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}

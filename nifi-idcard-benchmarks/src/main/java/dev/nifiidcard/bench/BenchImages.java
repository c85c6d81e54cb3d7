package dev.nifiidcard.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Real JPEGs of a target size: a noise-textured image, the quality found by bisection. Kept in a directory between runs. */
final class BenchImages {

    private BenchImages() {
    }

    static Path jpeg(final Path dir, final String name, final int width, final int height, final long targetBytes) throws IOException {
        final Path file = dir.resolve(name + ".jpg");
        if (Files.isRegularFile(file)) {
            return file;
        }
        Files.createDirectories(dir);
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final SplittableRandom random = new SplittableRandom(name.hashCode());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // a light card-like gradient with noise: its strength sets how hard the JPEG is to compress
                final int base = 160 + (x * 60 / width) + (y * 30 / height);
                final int n = random.nextInt(-40, 41);
                final int r = clamp(base + n);
                final int g = clamp(base - 10 + n + random.nextInt(-8, 9));
                final int b = clamp(base - 30 + n + random.nextInt(-8, 9));
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        float low = 0.05f;
        float high = 1.0f;
        byte[] best = null;
        for (int i = 0; i < 12; i++) {
            final float quality = (low + high) / 2;
            final byte[] jpeg = encode(image, quality);
            if (best == null || Math.abs(jpeg.length - targetBytes) < Math.abs(best.length - targetBytes)) {
                best = jpeg;
            }
            if (Math.abs(jpeg.length - targetBytes) < targetBytes / 50) {
                break;
            }
            if (jpeg.length > targetBytes) {
                high = quality;
            } else {
                low = quality;
            }
        }
        Files.write(file, best);
        return file;
    }

    private static int clamp(final int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static byte[] encode(final BufferedImage image, final float quality) throws IOException {
        final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            final ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}

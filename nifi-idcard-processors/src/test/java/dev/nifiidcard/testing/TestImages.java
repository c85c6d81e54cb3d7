package dev.nifiidcard.testing;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** Real images encoded by ImageIO, for tests that need valid headers and content. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] jpeg(final int width, final int height) {
        return encode(scene(width, height), "jpg");
    }

    public static byte[] png(final int width, final int height) {
        return encode(scene(width, height), "png");
    }

    public static byte[] bmp(final int width, final int height) {
        return encode(scene(width, height), "bmp");
    }

    public static byte[] gif(final int width, final int height) {
        return encode(scene(width, height), "gif");
    }

    /** A PNG of random noise: incompressible, so its size grows with its pixel count (about 3 bytes per pixel). */
    public static byte[] noisePng(final int width, final int height, final long seed) {
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return encode(image, "png");
    }

    private static BufferedImage scene(final int width, final int height) {
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x6B5B45));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0xDDE6EE));
        g.fillRoundRect(width / 8, height / 8, width * 3 / 4, height * 3 / 4, width / 20 + 1, width / 20 + 1);
        g.dispose();
        return image;
    }

    private static byte[] encode(final BufferedImage image, final String format) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package dev.nifiidcard.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.ImageIO;

/** Real images encoded by ImageIO, for tests that need valid headers and content. */
public final class TestImages {

    private static final byte[] INDEX_MARKER = "nifi-idcard-test:".getBytes(StandardCharsets.US_ASCII);

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

    /**
     * The JPEG with a COM segment naming {@code index} right after SOI: a distinct, still valid image, so that a test
     * server can tell which FlowFile a request carries ({@link #indexOf}).
     */
    public static byte[] indexed(final byte[] jpeg, final int index) {
        final byte[] comment = (new String(INDEX_MARKER, StandardCharsets.US_ASCII) + index + ";").getBytes(StandardCharsets.US_ASCII);
        final int length = comment.length + 2;
        final byte[] out = new byte[jpeg.length + 2 + length];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = (byte) (length >> 8);
        out[5] = (byte) length;
        System.arraycopy(comment, 0, out, 6, comment.length);
        System.arraycopy(jpeg, 2, out, 6 + comment.length, jpeg.length - 2);
        return out;
    }

    /** The index an {@link #indexed} image names. */
    public static int indexOf(final byte[] image) {
        final int start = 6;
        for (int i = 0; i < INDEX_MARKER.length; i++) {
            if (image.length <= start + i || image[start + i] != INDEX_MARKER[i]) {
                throw new AssertionError("The image carries no index");
            }
        }
        int end = start + INDEX_MARKER.length;
        while (image[end] != ';') {
            end++;
        }
        return Integer.parseInt(new String(image, start + INDEX_MARKER.length, end - start - INDEX_MARKER.length, StandardCharsets.US_ASCII));
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

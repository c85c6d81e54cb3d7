package dev.nifiidcard.camera.gate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Test images with photo-like content, and JPEG encodings of them with chosen sampling, restarts and modes. */
final class TestJpegs {

    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";

    private TestJpegs() {
    }

    /** Gradients, shapes, text and sensor-like noise, so every frequency a camera frame has is present. */
    static BufferedImage photo(final int width, final int height, final long seed, final int imageType) {
        final BufferedImage image = new BufferedImage(width, height, imageType);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(140, 90, 50), width, height, new Color(60, 90, 140)));
        g.fillRect(0, 0, width, height);
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            final int x = random.nextInt(width);
            final int y = random.nextInt(height);
            if (i % 3 == 0) {
                g.fillOval(x - width / 8, y - height / 8, width / 4, height / 4);
            } else {
                g.setStroke(new BasicStroke(1 + random.nextInt(6)));
                g.drawLine(x, y, random.nextInt(width), random.nextInt(height));
            }
        }
        g.setColor(new Color(240, 240, 235));
        g.fillRect(width / 5, height / 4, width / 2, height / 2);
        g.setColor(Color.BLACK);
        for (int line = 1; line <= 6; line++) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(7, height * (2 + line) / 100)));
            g.drawString("SPECIMEN 440524198701010014", width / 5 + 4, height / 4 + line * height / 13);
        }
        g.dispose();
        // a grating across the lower part: periods from 10 to 40 pixels, the detail a 1/4-scale IDCT must keep
        for (int y = height * 4 / 5; y < height; y++) {
            for (int x = 0; x < width; x++) {
                final double period = 10 + 30.0 * x / width;
                final int value = (int) (128 + 60 * Math.sin(2 * Math.PI * (x + y / 3.0) / period));
                image.setRGB(x, y, value * 0x010101);
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                final int rgb = image.getRGB(x, y);
                final int noise = random.nextInt(9) - 4;
                image.setRGB(x, y, (channel(rgb >> 16, noise) << 16) | (channel(rgb >> 8, noise) << 8) | channel(rgb, noise));
            }
        }
        return image;
    }

    private static int channel(final int value, final int noise) {
        return Math.max(0, Math.min(255, (value & 0xFF) + noise));
    }

    /**
     * @param lumaH          horizontal luma sampling factor (2 with lumaV 2 is 4:2:0, 2 and 1 is 4:2:2, 1 and 1 is 4:4:4)
     * @param restartInterval MCUs between restart markers, 0 for none
     */
    static byte[] jpeg(final BufferedImage image, final float quality, final int lumaH, final int lumaV,
                       final int restartInterval, final boolean progressive) {
        final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            final ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            final IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            final IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
            final IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            final IIOMetadataNode frame = (IIOMetadataNode) markers.getElementsByTagName("sof").item(0);
            final IIOMetadataNode luma = (IIOMetadataNode) frame.getElementsByTagName("componentSpec").item(0);
            if (frame.getElementsByTagName("componentSpec").getLength() > 1) {
                luma.setAttribute("HsamplingFactor", Integer.toString(lumaH));
                luma.setAttribute("VsamplingFactor", Integer.toString(lumaV));
            }
            if (restartInterval > 0) {
                final IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restartInterval));
                markers.insertBefore(dri, frame);
            }
            metadata.setFromTree(FORMAT, root);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
            out.flush();
            return bytes.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    static byte[] jpeg(final BufferedImage image, final float quality) {
        return jpeg(image, quality, 2, 2, 0, false);
    }

    /**
     * The reference: ImageIO's full decode, converted to luma as {@link ImageIoLuma} does, averaged over
     * {@code scale}×{@code scale} squares (only whole squares).
     */
    static int[] boxLuma(final byte[] jpeg, final int scale) throws IOException {
        final BufferedImage full = ImageIO.read(new ByteArrayInputStream(jpeg));
        final byte[] luma = ImageIoLuma.luma(full);
        final int width = full.getWidth() / scale;
        final int height = full.getHeight() / scale;
        final int[] box = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sum = 0;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        sum += luma[(y * scale + dy) * full.getWidth() + x * scale + dx] & 0xFF;
                    }
                }
                box[y * width + x] = Math.round((float) sum / (scale * scale));
            }
        }
        return box;
    }

    /** Mean absolute difference between the decoded luma and the reference over the reference's whole squares. */
    static double meanAbsoluteDifference(final ScaledLuma decoded, final int[] reference, final int referenceWidth) {
        final int referenceHeight = reference.length / referenceWidth;
        long sum = 0;
        for (int y = 0; y < referenceHeight; y++) {
            for (int x = 0; x < referenceWidth; x++) {
                sum += Math.abs(decoded.at(x, y) - reference[y * referenceWidth + x]);
            }
        }
        return (double) sum / reference.length;
    }
}

package dev.nifiidcard.camera.grab;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Real images encoded by ImageIO, so that what the backends emit can be compared with what the camera served. */
final class TestImages {

    private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

    private TestImages() {
    }

    /** A noisy JPEG: its entropy-coded data is full of 0xFF bytes, so it has plenty of FF00 stuffing. */
    static byte[] jpeg(final int width, final int height, final long seed) {
        return encode(noise(width, height, seed), 0);
    }

    /** A noisy JPEG with a DRI segment, so its entropy-coded data carries RST0..RST7 markers. */
    static byte[] jpegWithRestartMarkers(final int width, final int height, final long seed) {
        return encode(noise(width, height, seed), 1);
    }

    static byte[] png(final int width, final int height, final long seed) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(noise(width, height, seed), "png", out);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage decode(final byte[] image) {
        try {
            final BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
            if (decoded == null) {
                throw new AssertionError("not a decodable image");
            }
            return decoded;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the bytes contain {@code FF first}, for checking that a fixture exercises what a test claims. */
    static boolean containsMarker(final byte[] bytes, final int first, final int last) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            final int next = bytes[i + 1] & 0xFF;
            if ((bytes[i] & 0xFF) == 0xFF && next >= first && next <= last) {
                return true;
            }
        }
        return false;
    }

    private static BufferedImage noise(final int width, final int height, final long seed) {
        final Random random = new Random(seed);
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static byte[] encode(final BufferedImage image, final int restartInterval) {
        final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            final ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            final IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            if (restartInterval > 0) {
                final Node tree = metadata.getAsTree(JPEG_METADATA);
                final Element markers = (Element) ((Element) tree).getElementsByTagName("markerSequence").item(0);
                final IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restartInterval));
                markers.insertBefore(dri, markers.getElementsByTagName("sof").item(0));
                metadata.setFromTree(JPEG_METADATA, tree);
            }
            writer.write(null, new IIOImage(image, null, metadata), param);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}

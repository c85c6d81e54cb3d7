package dev.nifiidcard.camera.gate;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The general decoder behind {@link ScaledJpegDecoder}: any format ImageIO reads, subsampled while decoding, and no
 * larger than {@link GeneralDecoderBudget} allows (read from the header before decoding).
 */
final class ImageIoLuma {

    private ImageIoLuma() {
    }

    static ScaledLuma decode(final byte[] image, final int scale) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            final Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new IOException("ImageIO recognizes no image format in these bytes");
            }
            final ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                final int width = reader.getWidth(0);
                final int height = reader.getHeight(0);
                GeneralDecoderBudget.requirePixelsWithin(width, height);
                final ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(scale, scale, 0, 0);
                final BufferedImage subsampled = reader.read(0, param);
                return new ScaledLuma(width, height, scale, subsampled.getWidth(), subsampled.getHeight(), luma(subsampled), true);
            } finally {
                reader.dispose();
            }
        } catch (final RuntimeException e) {
            // ImageIO's readers answer some corrupt input with unchecked exceptions
            throw RefusedFrameException.corrupt("ImageIO cannot decode the image: " + e);
        }
    }

    /** The size from the image's header, for formats ImageIO reads; empty when it reads none. */
    static Optional<FrameSize> size(final byte[] image) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            final Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            final ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                return Optional.of(new FrameSize(reader.getWidth(0), reader.getHeight(0)));
            } finally {
                reader.dispose();
            }
        } catch (final IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** BT.601 luma, as JPEG's YCbCr defines it; single-band images are taken as they are, without a gamma change. */
    static byte[] luma(final BufferedImage image) {
        final int width = image.getWidth();
        final int height = image.getHeight();
        final byte[] luma = new byte[width * height];
        final Raster raster = image.getRaster();
        if (raster.getNumBands() == 1) {
            final int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    luma[y * width + x] = (byte) Math.min(255, row[x]);
                }
            }
            return luma;
        }
        final int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                final int rgb = row[x];
                luma[y * width + x] = (byte) ((19595 * ((rgb >> 16) & 0xFF) + 38470 * ((rgb >> 8) & 0xFF) + 7471 * (rgb & 0xFF) + 32768) >> 16);
            }
        }
        return luma;
    }
}

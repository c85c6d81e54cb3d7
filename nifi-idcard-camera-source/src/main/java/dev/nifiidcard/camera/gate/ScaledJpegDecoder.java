package dev.nifiidcard.camera.gate;

import java.io.IOException;

/**
 * The luma of a camera frame at 1/4 or 1/8 of its size, fast enough to analyse every frame.
 *
 * <p>ImageIO's JPEG reader decodes at full resolution even when asked to subsample, which alone costs more than the
 * gate's budget for a 1920×1080 frame. Baseline and sequential 8-bit Huffman JPEGs (what cameras send) are therefore
 * decoded by a scaled inverse DCT that never builds the full image; every other JPEG, and any other format ImageIO
 * reads, falls back to ImageIO with source subsampling.
 */
public final class ScaledJpegDecoder {

    /** Larger than any camera frame worth analysing; refusing it keeps a hostile header from claiming gigabytes. */
    public static final long MAX_PIXELS = 100_000_000L;

    private ScaledJpegDecoder() {
    }

    /**
     * @param image the encoded frame, normally a JPEG
     * @param scale 4 or 8: each output pixel is the mean of a {@code scale}×{@code scale} square (ImageIO's fallback
     *              takes one pixel of each square instead)
     * @throws IOException when neither decoder can read the image
     */
    public static ScaledLuma decode(final byte[] image, final int scale) throws IOException {
        if (scale != 4 && scale != 8) {
            throw new IllegalArgumentException("scale must be 4 or 8, not " + scale);
        }
        try {
            return new BaselineLumaDecoder(image, scale).decode();
        } catch (final IOException fastDecoderFailure) {
            try {
                return ImageIoLuma.decode(image, scale);
            } catch (final IOException e) {
                e.addSuppressed(fastDecoderFailure);
                throw e;
            }
        }
    }

    static void requireAnalysable(final long width, final long height) throws IOException {
        if (width * height > MAX_PIXELS) {
            throw new IOException("The image is " + width + "x" + height + ", larger than " + MAX_PIXELS + " pixels");
        }
    }
}

package dev.nifiidcard.camera.gate;

import dev.nifiidcard.commons.jpeg.JpegMarkers;

import java.io.IOException;

/**
 * The luma of a camera frame at 1/4 or 1/8 of its size, fast enough to analyse every frame, and at a bounded cost
 * whatever the frame claims.
 *
 * <p>ImageIO's JPEG reader decodes at full resolution even when asked to subsample, which alone costs more than the
 * gate's budget for a 1920×1080 frame. Baseline and sequential 8-bit Huffman JPEGs (what cameras send) are therefore
 * decoded by a scaled inverse DCT that never builds the full image ({@link BaselineLumaDecoder}); when their data does
 * not decode exactly they are refused as corrupt, never handed to a lenient decoder that would make an image of the
 * garbage. Only JPEGs that decoder does not read (progressive, RGB, CMYK) and other formats go to ImageIO, and only
 * within {@link GeneralDecoderBudget}.
 */
public final class ScaledJpegDecoder {

    /** Larger than any camera frame (8K UHD is 33 MP); refusing it keeps a hostile header from claiming gigabytes. */
    public static final long MAX_PIXELS = 40_000_000L;

    private ScaledJpegDecoder() {
    }

    /**
     * @param image the encoded frame, normally a JPEG
     * @param scale 4 or 8: each output pixel is the mean of a {@code scale}×{@code scale} square (ImageIO's fallback
     *              takes one pixel of each square instead)
     * @throws RefusedFrameException when the frame is corrupt, of an unsupported kind, or too costly to decode
     * @throws IOException           when no decoder recognizes the image
     */
    public static ScaledLuma decode(final byte[] image, final int scale) throws IOException {
        if (scale != 4 && scale != 8) {
            throw new IllegalArgumentException("scale must be 4 or 8, not " + scale);
        }
        if (!isJpeg(image)) {
            return ImageIoLuma.decode(image, scale);
        }
        try {
            return new BaselineLumaDecoder(image, scale).decode();
        } catch (final NeedsGeneralDecoderException notForTheFastDecoder) {
            GeneralDecoderBudget.requireWithin(image);
            return ImageIoLuma.decode(image, scale);
        } catch (final RefusedFrameException refused) {
            throw refused;
        } catch (final IOException malformed) {
            // the shared marker walker's findings: a segment length below 2, data ending inside a header
            throw RefusedFrameException.corrupt(malformed.getMessage());
        }
    }

    static void requireAnalysable(final long width, final long height) throws IOException {
        if (width * height > MAX_PIXELS) {
            throw RefusedFrameException.overBudget("The image is " + width + "x" + height + ", larger than " + MAX_PIXELS + " pixels");
        }
    }

    private static boolean isJpeg(final byte[] image) {
        return image.length >= 2 && (image[0] & 0xFF) == 0xFF && (image[1] & 0xFF) == JpegMarkers.SOI;
    }
}

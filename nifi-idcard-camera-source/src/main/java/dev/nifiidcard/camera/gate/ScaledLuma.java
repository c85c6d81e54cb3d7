package dev.nifiidcard.camera.gate;

/**
 * The 8-bit luma of an image at a reduced scale, one byte per pixel, row by row.
 *
 * @param sourceWidth  width of the encoded image at full resolution
 * @param sourceHeight height of the encoded image at full resolution
 * @param scale        the reduction: each output pixel stands for {@code scale}×{@code scale} source pixels
 * @param width        output width, {@code ceil(sourceWidth / scale)}
 * @param height       output height, {@code ceil(sourceHeight / scale)}
 * @param pixels       {@code width * height} luma values
 * @param fallback     whether ImageIO decoded it (an encoding the fast decoder does not handle), whose subsampling
 *                     picks pixels instead of averaging them
 */
public record ScaledLuma(int sourceWidth, int sourceHeight, int scale, int width, int height, byte[] pixels,
                         boolean fallback) {

    public ScaledLuma {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " pixels, got " + pixels.length);
        }
    }

    /** The luma at (x, y), 0 to 255. */
    public int at(final int x, final int y) {
        return pixels[y * width + x] & 0xFF;
    }
}

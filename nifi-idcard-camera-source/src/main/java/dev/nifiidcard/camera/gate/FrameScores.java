package dev.nifiidcard.camera.gate;

/**
 * What the gate measured on one frame; every value is worth an attribute, so users can see why a frame passed and
 * tune the thresholds. Measured on the 1/4-scale luma.
 *
 * @param width            full-resolution width in pixels (from the header)
 * @param height           full-resolution height in pixels
 * @param sharpness        variance of the Laplacian, inside the card when one was found, else over the frame;
 *                         higher is sharper
 * @param brightness       mean luma, 0..255
 * @param darkFraction     fraction of pixels at or below 5 (clipped black)
 * @param brightFraction   fraction of pixels at or above 250 (clipped white, glare)
 * @param stillness        mean absolute luma difference of a 32×18 thumbnail to the previous frame's; lower is
 *                         stiller; NaN for the first frame
 * @param cardPresent      whether an ID-1-shaped region (aspect 1.45..1.75, filling at least 85% of its minimum
 *                         bounding rectangle, not touching the frame's edge) was found
 * @param cardAreaFraction area of the largest candidate region as a fraction of the frame, also when it was not
 *                         accepted as a card; 0 when there was none
 * @param cardAspect       long side over short side of that region's minimum bounding rectangle; NaN when none
 * @param cardFill         that region's area over its minimum bounding rectangle's; NaN when none
 * @param dHash            64-bit difference hash of the card's bounding box (or of the frame without a card)
 */
public record FrameScores(int width, int height, double sharpness, double brightness, double darkFraction,
                          double brightFraction, double stillness, boolean cardPresent, double cardAreaFraction,
                          double cardAspect, double cardFill, long dHash) {

    /** Scores of a frame that was not analysed (gate off): only its size is known, 0×0 when even that is not. */
    public static FrameScores sizeOnly(final int width, final int height) {
        return new FrameScores(width, height, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false,
                Double.NaN, Double.NaN, Double.NaN, 0);
    }

    /** How many of the 64 hash bits differ: 0 for the same picture, above 10 or so for a different one. */
    public static int hashDistance(final long a, final long b) {
        return Long.bitCount(a ^ b);
    }
}

package dev.nifiidcard.camera.gate;

import java.time.Duration;

/**
 * The quality gate's thresholds. The defaults were tuned on rendered specimen scenes at 1280×720 and 1920×1080
 * (JPEG quality 0.9), where a sharp card scores a sharpness of 3 500 to 5 500, a card under a 2-pixel focus blur
 * about 1 000 to 1 500, 3 pixels about 450 to 650, 5 pixels 120 to 150, and a card smeared over 60 pixels by motion
 * 340 to 430. Real cameras with softer lenses or less contrast score lower: compare the {@link FrameScores} of your
 * camera's frames before tightening.
 *
 * @param minSharpness        minimum variance of the Laplacian on the 1/4-scale luma (inside the card when one is
 *                            found); default 300
 * @param minBrightness       minimum mean luma, 0..255; default 50
 * @param maxBrightness       maximum mean luma; default 220
 * @param maxDarkFraction     maximum fraction of clipped black pixels (luma ≤ 5); default 0.25
 * @param maxBrightFraction   maximum fraction of clipped white pixels (luma ≥ 250), glare on a card; default 0.05
 * @param minInterval         minimum time between two emitted frames, by the frames' timestamps; default 1 s
 * @param duplicateDistance   a frame whose dHash differs from the last emitted frame's in at most this many bits is
 *                            a duplicate; default 6 (the same card moved a little differs by 0..2, front and back by
 *                            more than 20, fronts of different people in the same layout by 3..10)
 * @param minCardArea         {@link GateMode#SHARP_STILL_CARD}: minimum card area as a fraction of the frame;
 *                            default 0.5 (a card spanning about 85% of a 16:9 frame's height)
 * @param stillFrames         {@link GateMode#SHARP_STILL_CARD}: consecutive still frames with the card before the
 *                            sharpest of them is emitted; default 5
 * @param maxStillness        {@link GateMode#SHARP_STILL_CARD}: a frame is still when its thumbnail differs from the
 *                            previous one by less than this mean luma difference; default 2 (sensor noise alone
 *                            scores about 0.1, a card moved by 1% of the frame width about 5)
 * @param cardAbsentFrames    after this many consecutive frames without a card, the card is gone and may be emitted
 *                            again when it comes back; default 3
 * @param sceneChangeDistance {@link GateMode#SHARP}: a frame whose dHash differs from the last emitted frame's in at
 *                            least this many bits is a new scene, after which the old one may be emitted again;
 *                            default 20
 */
public record GateSettings(double minSharpness, double minBrightness, double maxBrightness, double maxDarkFraction,
                           double maxBrightFraction, Duration minInterval, int duplicateDistance, double minCardArea,
                           int stillFrames, double maxStillness, int cardAbsentFrames, int sceneChangeDistance) {

    public static final GateSettings DEFAULTS = new GateSettings(300, 50, 220, 0.25, 0.05, Duration.ofSeconds(1), 6,
            0.5, 5, 2, 3, 20);

    public GateSettings {
        if (minSharpness < 0 || minBrightness < 0 || maxBrightness > 255 || minBrightness > maxBrightness) {
            throw new IllegalArgumentException("Sharpness must be at least 0 and 0 ≤ minimum ≤ maximum brightness ≤ 255");
        }
        if (!fraction(maxDarkFraction) || !fraction(maxBrightFraction) || !fraction(minCardArea)) {
            throw new IllegalArgumentException("Fractions must be between 0 and 1");
        }
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("The minimum interval must not be negative");
        }
        if (duplicateDistance < 0 || duplicateDistance > 64 || sceneChangeDistance <= duplicateDistance || sceneChangeDistance > 64) {
            throw new IllegalArgumentException("Hash distances must satisfy 0 ≤ duplicate < scene change ≤ 64");
        }
        if (stillFrames < 1 || cardAbsentFrames < 1 || !(maxStillness > 0)) {
            throw new IllegalArgumentException("Still frames and absent frames must be at least 1, the stillness limit positive");
        }
    }

    public GateSettings withMinInterval(final Duration interval) {
        return new GateSettings(minSharpness, minBrightness, maxBrightness, maxDarkFraction, maxBrightFraction, interval,
                duplicateDistance, minCardArea, stillFrames, maxStillness, cardAbsentFrames, sceneChangeDistance);
    }

    private static boolean fraction(final double value) {
        return value >= 0 && value <= 1;
    }
}

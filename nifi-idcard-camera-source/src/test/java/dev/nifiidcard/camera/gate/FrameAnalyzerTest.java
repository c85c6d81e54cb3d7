package dev.nifiidcard.camera.gate;

import dev.nifiidcard.camera.specimen.SpecimenScene;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameAnalyzerTest {

    private final SceneFrames frames = new SceneFrames();

    @Test
    void findsTheCardAndMeasuresItsAreaAndAspect() throws Exception {
        for (final SpecimenScene scene : new SpecimenScene[] {
                SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT),
                SceneFrames.emptyDesk().on(SpecimenScene.Desk.FABRIC).withCard(SceneFrames.LI_MING_BACK, 0.4).rotated(-8).at(0.45, 0.55)}) {
            final FrameScores scores = analyze(new FrameAnalyzer(), scene);

            assertTrue(scores.cardPresent(), scene::toString);
            assertEquals(scene.areaFraction(), scores.cardAreaFraction(), 0.03, scene::toString);
            assertEquals(85.6 / 53.98, scores.cardAspect(), 0.05, scene::toString);
            assertTrue(scores.cardFill() > 0.95, () -> "fill " + scores.cardFill());
            assertEquals(SceneFrames.WIDTH, scores.width());
            assertEquals(SceneFrames.HEIGHT, scores.height());
        }
    }

    @Test
    void emptyDesksAndCardsPartlyOutOfViewAreNoCard() throws Exception {
        assertFalse(analyze(new FrameAnalyzer(), SceneFrames.emptyDesk()).cardPresent());
        assertFalse(analyze(new FrameAnalyzer(), SceneFrames.emptyDesk().on(SpecimenScene.Desk.FABRIC)).cardPresent());
        assertFalse(analyze(new FrameAnalyzer(), SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT).at(0.2, 0.5)).cardPresent());
    }

    @Test
    void findsADarkCardOnALightDeskButNotTheDeskItself() {
        // 16:10 frame, so the desk itself has a card's aspect; a dark 1.586:1 card turned by 20 degrees lies on it
        final int width = 320;
        final int height = 200;
        final byte[] pixels = new byte[width * height];
        final SplittableRandom noise = new SplittableRandom(1);
        final double angle = Math.toRadians(20);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                final double u = (x - 160) * Math.cos(angle) + (y - 100) * Math.sin(angle);
                final double v = -(x - 160) * Math.sin(angle) + (y - 100) * Math.cos(angle);
                final boolean card = Math.abs(u) < 95 && Math.abs(v) < 95 / 1.586;
                pixels[y * width + x] = (byte) ((card ? 60 : 200) + noise.nextInt(7) - 3);
            }
        }
        final FrameScores scores = new FrameAnalyzer().analyze(new ScaledLuma(4 * width, 4 * height, 4, width, height, pixels, false));

        assertTrue(scores.cardPresent());
        assertEquals(190 * (190 / 1.586) / (width * height), scores.cardAreaFraction(), 0.01);
        assertEquals(1.586, scores.cardAspect(), 0.03);
    }

    @Test
    void sharpnessFallsAsFocusOrMotionBlurGrows() throws Exception {
        final SpecimenScene card = SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT);
        double previous = Double.MAX_VALUE;
        for (final SpecimenScene scene : new SpecimenScene[] {card, card.withDefocus(1), card.withDefocus(2), card.withDefocus(4)}) {
            final double sharpness = analyze(new FrameAnalyzer(), scene).sharpness();
            assertTrue(sharpness < previous, () -> scene + " scored " + sharpness + ", not below " + "the sharper scene's");
            previous = sharpness;
        }
        final double still = analyze(new FrameAnalyzer(), card).sharpness();
        final double moving = analyze(new FrameAnalyzer(), card.withMotionBlur(40)).sharpness();
        assertTrue(moving < still / 4, () -> "motion blurred " + moving + " against " + still);
    }

    @Test
    void exposureScores() throws Exception {
        final SpecimenScene card = SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT);
        final FrameScores normal = analyze(new FrameAnalyzer(), card);
        final FrameScores dark = analyze(new FrameAnalyzer(), card.withExposure(0.3));
        final FrameScores glaring = analyze(new FrameAnalyzer(), card.withExposure(1.4));

        assertTrue(dark.brightness() < normal.brightness() * 0.4, () -> dark.brightness() + " against " + normal.brightness());
        assertEquals(0, normal.brightFraction(), 0.001);
        assertEquals(0, normal.darkFraction(), 0.001);
        // the card (65% of the frame) clips; the desk does not
        assertTrue(glaring.brightFraction() > 0.3 && glaring.brightFraction() < 0.7, () -> "bright fraction " + glaring.brightFraction());
    }

    @Test
    void stillnessComparesWithThePreviousFrame() throws Exception {
        final FrameAnalyzer analyzer = new FrameAnalyzer();
        final SpecimenScene card = SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT);

        assertTrue(Double.isNaN(analyze(analyzer, card).stillness()), "nothing to compare the first frame with");
        final double unchanged = analyze(analyzer, card).stillness();
        final double moved = analyze(analyzer, card.at(0.52, 0.5)).stillness();

        assertTrue(unchanged < 0.5, () -> "sensor noise alone scored " + unchanged);
        assertTrue(moved > 4 * GateSettings.DEFAULTS.maxStillness(), () -> "a card moved by 2% scored " + moved);
    }

    @Test
    void hashKeepsTheSameCardAndTellsOtherSidesApart() throws Exception {
        final SpecimenScene atRest = SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT);
        final long card = analyze(new FrameAnalyzer(), atRest).dHash();
        final long again = analyze(new FrameAnalyzer(), atRest).dHash();
        final long nudged = analyze(new FrameAnalyzer(), atRest.at(0.51, 0.49).rotated(2)).dHash();
        final long back = analyze(new FrameAnalyzer(), SceneFrames.cardAtRest(SceneFrames.LI_MING_BACK)).dHash();
        final long otherPerson = analyze(new FrameAnalyzer(), SceneFrames.cardAtRest(SceneFrames.LIU_YANG_FRONT)).dHash();

        assertTrue(FrameScores.hashDistance(card, again) <= 2, () -> "the next frame: " + FrameScores.hashDistance(card, again));
        assertTrue(FrameScores.hashDistance(card, nudged) <= GateSettings.DEFAULTS.duplicateDistance(),
                () -> "moved and turned a little: " + FrameScores.hashDistance(card, nudged));
        assertTrue(FrameScores.hashDistance(card, back) >= 15, () -> "front and back: " + FrameScores.hashDistance(card, back));
        assertTrue(FrameScores.hashDistance(card, otherPerson) > GateSettings.DEFAULTS.duplicateDistance(),
                () -> "two people: " + FrameScores.hashDistance(card, otherPerson));
    }

    @Test
    void minimumAreaRectangleOfATurnedRectangle() {
        final double angle = Math.toRadians(30);
        final double[][] corners = new double[4][];
        final double[][] local = {{-50, -20}, {50, -20}, {50, 20}, {-50, 20}};
        for (int i = 0; i < 4; i++) {
            corners[i] = new double[] {100 + local[i][0] * Math.cos(angle) - local[i][1] * Math.sin(angle),
                    80 + local[i][0] * Math.sin(angle) + local[i][1] * Math.cos(angle)};
        }
        final double[][] points = new double[corners.length + 1][];
        System.arraycopy(corners, 0, points, 0, corners.length);
        points[corners.length] = new double[] {100, 80}; // inside: not on the hull

        final OrientedBox box = CardDetector.minimumAreaRectangle(ConvexHull.of(points));

        assertEquals(100, box.length(), 1e-9);
        assertEquals(40, box.breadth(), 1e-9);
        assertEquals(100, box.centerX(), 1e-9);
        assertEquals(80, box.centerY(), 1e-9);
        assertEquals(Math.cos(angle), box.ux(), 1e-9);
        assertEquals(Math.sin(angle), box.uy(), 1e-9);
    }

    @Test
    void otsuSplitsTwoPopulations() {
        final int[] histogram = new int[256];
        for (int level = 80; level <= 120; level++) {
            histogram[level] = 100;
        }
        for (int level = 200; level <= 230; level++) {
            histogram[level] = 60;
        }
        final int threshold = CardDetector.otsuThreshold(histogram);
        assertTrue(threshold >= 120 && threshold < 200, () -> "threshold " + threshold);
    }

    private FrameScores analyze(final FrameAnalyzer analyzer, final SpecimenScene scene) throws Exception {
        return analyzer.analyze(ScaledJpegDecoder.decode(frames.frame(scene, 0).bytes(), 4));
    }
}

package dev.nifiidcard.cardgen;

import dev.nifiidcard.camera.specimen.CardFace;
import dev.nifiidcard.camera.specimen.SpecimenScene;
import dev.nifiidcard.ocr.CardSide;

import java.util.SplittableRandom;

/**
 * The mix of conditions synthetic photos are taken in (shares of all cards):
 * <ul>
 * <li>side: front 70 %, back 30 %;</li>
 * <li>font family: Noto Serif SC 50 % ({@code serif}), Noto Sans SC otherwise; the ID number is always in Noto Sans SC
 * Bold, as real cards print it in a sans digit face;</li>
 * <li>{@code specimen-mark}: 15 %;</li>
 * <li>quarter turns: 90°, 180° and 270° about 3.3 % each, 10 % in all ({@code rot90}, {@code rot180}, {@code rot270});</li>
 * <li>{@code tilt}: 35 % tilted 4–15° either way, the rest lie within ±2.5°;</li>
 * <li>size: card width 45–75 % of the frame's width, {@code small} 12 % at 25–40 %; shrunk where a turned or tilted card
 * would not fit in the frame (a quarter-turned card is at most about half the frame's width);</li>
 * <li>{@code blur}: 25 % with a mild defocus (two box passes of radius 1 or 2 over the 1920×1080 frame);</li>
 * <li>{@code glare}: 20 % with a specular highlight, a third of them over a field ({@code glare-on-text}), the rest over
 * the portrait, the emblem or a margin;</li>
 * <li>JPEG quality uniform in 60–90, {@code jpeg-q60} for 60–69 (a third);</li>
 * <li>desk: wood 45 %, fabric 35 %, {@code light-desk} (nearly as light as the card) 20 %; exposure 0.85–1.12.</li>
 * </ul>
 */
final class PhotoPlans {

    static final int FRAME_WIDTH = 1920;
    static final int FRAME_HEIGHT = 1080;
    private static final double CARD_ASPECT = CardFace.WIDTH_MM / CardFace.HEIGHT_MM;
    /** A card keeps this fraction of the frame as a margin on every side. */
    private static final double MARGIN = 0.03;

    private PhotoPlans() {
    }

    static PhotoPlan plan(final SplittableRandom random) {
        final CardSide side = random.nextDouble() < 0.7 ? CardSide.FRONT : CardSide.BACK;
        final CjkFonts family = random.nextBoolean() ? CjkFonts.NOTO_SERIF_SC : CjkFonts.NOTO_SANS_SC;
        final boolean specimenMark = random.nextDouble() < 0.15;
        final double turnDraw = random.nextDouble();
        final int quarterTurns = turnDraw < 0.9 ? 0 : 1 + (int) ((turnDraw - 0.9) / (0.1 / 3));
        final double tilt = random.nextDouble() < 0.35 ? (random.nextBoolean() ? 1 : -1) * (4 + 11 * random.nextDouble())
                : -2.5 + 5 * random.nextDouble();
        final double angle = 90 * Math.min(3, quarterTurns) + tilt;
        final boolean small = random.nextDouble() < 0.12;
        final double wanted = small ? 0.25 + 0.15 * random.nextDouble() : 0.45 + 0.3 * random.nextDouble();
        final double cardWidth = Math.min(wanted, largestWidth(angle));
        final double[] center = center(random, cardWidth, angle);
        final SpecimenScene.Desk desk = desk(random.nextDouble());
        final int blurRadius = random.nextDouble() < 0.25 ? 1 + random.nextInt(2) : 0;
        final Glare glare = random.nextDouble() < 0.2 ? glare(random, side) : null;
        final double exposure = 0.85 + 0.27 * random.nextDouble();
        final int jpegQuality = 60 + random.nextInt(31);
        return new PhotoPlan(side, family, specimenMark, cardWidth, angle, center[0], center[1], desk, blurRadius, glare,
                exposure, jpegQuality, random.nextLong());
    }

    /** The widest card, as a fraction of the frame's width, whose turned bounding box fits within the margins. */
    private static double largestWidth(final double angle) {
        final double[] extent = extent(1, angle);
        return Math.min((1 - 2 * MARGIN) / extent[0], (1 - 2 * MARGIN) * FRAME_HEIGHT / FRAME_WIDTH / extent[1]);
    }

    /** Width and height of the bounding box of a card {@code cardWidth} wide turned by {@code angle}, in frame widths. */
    private static double[] extent(final double cardWidth, final double angle) {
        final double cos = Math.abs(Math.cos(Math.toRadians(angle)));
        final double sin = Math.abs(Math.sin(Math.toRadians(angle)));
        final double height = cardWidth / CARD_ASPECT;
        return new double[] {cardWidth * cos + height * sin, cardWidth * sin + height * cos};
    }

    private static double[] center(final SplittableRandom random, final double cardWidth, final double angle) {
        final double[] extent = extent(cardWidth, angle);
        final double slackX = Math.max(0, 1 - 2 * MARGIN - extent[0]);
        final double slackY = Math.max(0, 1 - 2 * MARGIN - extent[1] * FRAME_WIDTH / FRAME_HEIGHT);
        return new double[] {0.5 + (random.nextDouble() - 0.5) * slackX, 0.5 + (random.nextDouble() - 0.5) * slackY};
    }

    private static SpecimenScene.Desk desk(final double draw) {
        if (draw < 0.45) {
            return SpecimenScene.Desk.WOOD;
        }
        return draw < 0.8 ? SpecimenScene.Desk.FABRIC : SpecimenScene.Desk.LIGHT;
    }

    /** Mostly over the portrait, the emblem or a margin; a third over a field (for the front: name to number). */
    private static Glare glare(final SplittableRandom random, final CardSide side) {
        final boolean overField = random.nextDouble() < 1.0 / 3;
        final double centerX;
        final double centerY;
        if (overField) {
            centerX = 0.25 + 0.35 * random.nextDouble();
            centerY = side == CardSide.FRONT ? 0.15 + 0.75 * random.nextDouble() : 0.72 + 0.18 * random.nextDouble();
        } else if (side == CardSide.FRONT) {
            centerX = 0.7 + 0.25 * random.nextDouble();
            centerY = 0.1 + 0.5 * random.nextDouble();
        } else {
            centerX = random.nextBoolean() ? 0.08 + 0.22 * random.nextDouble() : 0.75 + 0.2 * random.nextDouble();
            centerY = 0.08 + 0.4 * random.nextDouble();
        }
        return new Glare(centerX, centerY, 0.1 + 0.15 * random.nextDouble(), 0.15 + 0.2 * random.nextDouble(),
                0.8 + 0.2 * random.nextDouble(), overField);
    }
}

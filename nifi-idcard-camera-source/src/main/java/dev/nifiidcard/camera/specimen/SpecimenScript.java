package dev.nifiidcard.camera.specimen;

import java.util.SplittableRandom;

/**
 * The specimen camera's film, as a function of the frame index: a loop of card presentations, each
 * <ol>
 *   <li>{@value #EMPTY_SECONDS} s empty desk,</li>
 *   <li>{@value #ENTER_SECONDS} s the card slides in from the left, slowing down (motion blurred),</li>
 *   <li>{@value #STILL_SECONDS} s it lies still; focus settles during the first {@value #FOCUS_SECONDS} s,</li>
 *   <li>{@value #SHAKE_SECONDS} s it is nudged back and forth (motion blurred),</li>
 *   <li>{@value #LEAVE_SECONDS} s it slides out to the right, speeding up,</li>
 * </ol>
 * showing the cards of {@link SpecimenCard#CYCLE} in turn (front, back, next person). Each cycle of cards lies on
 * the other desk. Size, rest position and angle vary per presentation, from the seed.
 */
public final class SpecimenScript {

    static final double EMPTY_SECONDS = 1.0;
    static final double ENTER_SECONDS = 1.0;
    static final double STILL_SECONDS = 2.2;
    static final double FOCUS_SECONDS = 0.3;
    static final double SHAKE_SECONDS = 0.4;
    static final double LEAVE_SECONDS = 1.0;
    public static final double PRESENTATION_SECONDS = EMPTY_SECONDS + ENTER_SECONDS + STILL_SECONDS + SHAKE_SECONDS + LEAVE_SECONDS;
    /** Out of view on the left and on the right, as centre positions. */
    private static final double OFF_LEFT = -0.6;
    private static final double OFF_RIGHT = 1.6;
    /** The shutter is open for half of each frame interval, so motion blurs over half the distance per frame. */
    private static final double SHUTTER = 0.5;
    private static final double FOCUS_BLUR = 3;
    private static final double CARD_ASPECT = CardFace.WIDTH_MM / CardFace.HEIGHT_MM;
    /** Space left between a resting card and the frame's edge, as a fraction of the frame. */
    private static final double MARGIN = 0.02;

    private final SpecimenCameraSettings settings;

    public SpecimenScript(final SpecimenCameraSettings settings) {
        this.settings = settings;
    }

    /** Frames in one presentation of one card (the loop has {@code SpecimenCard.CYCLE.size()} of them). */
    public long framesPerPresentation() {
        return Math.round(PRESENTATION_SECONDS * settings.framesPerSecond());
    }

    /** The largest area up to {@code wanted} at which the turned card lies wholly in view with a margin. */
    private double fittingArea(final double wanted, final double centerX, final double centerY, final double angle) {
        final double frameArea = (double) settings.width() * settings.height();
        final double cos = Math.abs(Math.cos(Math.toRadians(angle)));
        final double sin = Math.abs(Math.sin(Math.toRadians(angle)));
        double area = wanted;
        while (true) {
            final double cardWidth = Math.sqrt(area * frameArea * CARD_ASPECT);
            final double cardHeight = cardWidth / CARD_ASPECT;
            final double halfX = (cardWidth * cos + cardHeight * sin) / 2 / settings.width();
            final double halfY = (cardWidth * sin + cardHeight * cos) / 2 / settings.height();
            if (halfX <= Math.min(centerX, 1 - centerX) - MARGIN && halfY <= Math.min(centerY, 1 - centerY) - MARGIN) {
                return area;
            }
            area *= 0.98;
        }
    }

    public SpecimenScene sceneAt(final long frameIndex) {
        final double seconds = frameIndex / settings.framesPerSecond();
        final long presentation = (long) Math.floor(seconds / PRESENTATION_SECONDS);
        final double t = seconds - presentation * PRESENTATION_SECONDS;
        final int cards = SpecimenCard.CYCLE.size();
        final SpecimenScene.Desk desk = Math.floorMod(presentation / cards, 2) == 0 ? SpecimenScene.Desk.WOOD : SpecimenScene.Desk.FABRIC;
        final SpecimenScene empty = SpecimenScene.emptyDesk(settings.width(), settings.height()).on(desk)
                .withSeed(settings.seed()).frame(frameIndex);
        if (t < EMPTY_SECONDS) {
            return empty;
        }
        final SplittableRandom pose = new SplittableRandom(settings.seed() * 1_000_003L + presentation);
        final double restX = 0.47 + 0.06 * pose.nextDouble();
        final double restY = 0.47 + 0.06 * pose.nextDouble();
        final double angle = -5 + 10 * pose.nextDouble();
        final double area = fittingArea(0.56 + 0.14 * pose.nextDouble(), restX, restY, angle);
        final SpecimenScene resting = empty.withCard(SpecimenCard.CYCLE.get(Math.floorMod(presentation, cards)), area)
                .at(restX, restY).rotated(angle);
        final double perFrame = settings.width() / settings.framesPerSecond() * SHUTTER;
        double phase = t - EMPTY_SECONDS;
        if (phase < ENTER_SECONDS) {
            final double s = phase / ENTER_SECONDS;
            final double remaining = Math.pow(1 - s, 3);
            final double speed = (restX - OFF_LEFT) * 3 * (1 - s) * (1 - s) / ENTER_SECONDS;
            return resting.at(restX - (restX - OFF_LEFT) * remaining, restY).rotated(angle + 12 * remaining)
                    .withMotionBlur(speed * perFrame);
        }
        phase -= ENTER_SECONDS;
        if (phase < STILL_SECONDS) {
            return resting.withDefocus(phase < FOCUS_SECONDS ? FOCUS_BLUR * (1 - phase / FOCUS_SECONDS) : 0);
        }
        phase -= STILL_SECONDS;
        if (phase < SHAKE_SECONDS) {
            final double w = 2 * Math.PI * 2.5;
            return resting.at(restX + 0.015 * Math.sin(w * phase), restY).withMotionBlur(Math.abs(0.015 * w * Math.cos(w * phase)) * perFrame);
        }
        final double s = (phase - SHAKE_SECONDS) / LEAVE_SECONDS;
        return resting.at(restX + (OFF_RIGHT - restX) * s * s, restY).rotated(angle - 10 * s)
                .withMotionBlur((OFF_RIGHT - restX) * 2 * s / LEAVE_SECONDS * perFrame);
    }
}

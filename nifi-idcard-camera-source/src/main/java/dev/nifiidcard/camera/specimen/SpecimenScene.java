package dev.nifiidcard.camera.specimen;

/**
 * What the specimen camera sees in one frame: a desk and, optionally, a card lying on it.
 *
 * @param width        frame width in pixels
 * @param height       frame height in pixels
 * @param desk         the surface under the card
 * @param card         the card in view, or {@code null} for an empty desk
 * @param centerX      the card's centre as a fraction of the frame width (outside 0..1 is partly or wholly out of view)
 * @param centerY      the card's centre as a fraction of the frame height
 * @param areaFraction the card's area as a fraction of the frame's
 * @param angle        the card's rotation in degrees, clockwise
 * @param motionBlur   length in pixels of the card's horizontal motion blur, 0 for none
 * @param defocus      radius in pixels of the whole frame's blur (focus), 0 for none
 * @param exposure     brightness factor, 1 for a well exposed frame
 * @param seed         seeds the desk texture; the same seed gives the same desk
 * @param frameIndex   seeds the sensor noise together with {@code seed}, so consecutive frames differ like a camera's
 */
public record SpecimenScene(int width, int height, Desk desk, SpecimenCard card, double centerX, double centerY,
                            double areaFraction, double angle, double motionBlur, double defocus, double exposure,
                            long seed, long frameIndex) {

    public enum Desk {
        WOOD,
        FABRIC,
        /** Pale laminate or paper, nearly as light as a card; not in the specimen camera's loop. */
        LIGHT
    }

    public SpecimenScene {
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException("A frame must be at least 16x16, not " + width + "x" + height);
        }
        if (!(areaFraction > 0 && areaFraction < 1)) {
            throw new IllegalArgumentException("The card's area fraction must be between 0 and 1, not " + areaFraction);
        }
    }

    /** An empty wood desk, well exposed and sharp; a card added with {@link #withCard} lies centred and straight. */
    public static SpecimenScene emptyDesk(final int width, final int height) {
        return new SpecimenScene(width, height, Desk.WOOD, null, 0.5, 0.5, 0.6, 0, 0, 0, 1, 1, 0);
    }

    public boolean hasCard() {
        return card != null;
    }

    public SpecimenScene withCard(final SpecimenCard newCard, final double newAreaFraction) {
        return new SpecimenScene(width, height, desk, newCard, centerX, centerY, newAreaFraction, angle, motionBlur, defocus, exposure, seed, frameIndex);
    }

    public SpecimenScene withoutCard() {
        return new SpecimenScene(width, height, desk, null, centerX, centerY, areaFraction, angle, motionBlur, defocus, exposure, seed, frameIndex);
    }

    public SpecimenScene at(final double newCenterX, final double newCenterY) {
        return new SpecimenScene(width, height, desk, card, newCenterX, newCenterY, areaFraction, angle, motionBlur, defocus, exposure, seed, frameIndex);
    }

    public SpecimenScene rotated(final double newAngle) {
        return new SpecimenScene(width, height, desk, card, centerX, centerY, areaFraction, newAngle, motionBlur, defocus, exposure, seed, frameIndex);
    }

    public SpecimenScene withMotionBlur(final double length) {
        return new SpecimenScene(width, height, desk, card, centerX, centerY, areaFraction, angle, length, defocus, exposure, seed, frameIndex);
    }

    public SpecimenScene withDefocus(final double radius) {
        return new SpecimenScene(width, height, desk, card, centerX, centerY, areaFraction, angle, motionBlur, radius, exposure, seed, frameIndex);
    }

    public SpecimenScene withExposure(final double factor) {
        return new SpecimenScene(width, height, desk, card, centerX, centerY, areaFraction, angle, motionBlur, defocus, factor, seed, frameIndex);
    }

    public SpecimenScene on(final Desk newDesk) {
        return new SpecimenScene(width, height, newDesk, card, centerX, centerY, areaFraction, angle, motionBlur, defocus, exposure, seed, frameIndex);
    }

    public SpecimenScene withSeed(final long newSeed) {
        return new SpecimenScene(width, height, desk, card, centerX, centerY, areaFraction, angle, motionBlur, defocus, exposure, newSeed, frameIndex);
    }

    /** The same scene as a later frame: only the sensor noise changes. */
    public SpecimenScene frame(final long newFrameIndex) {
        return new SpecimenScene(width, height, desk, card, centerX, centerY, areaFraction, angle, motionBlur, defocus, exposure, seed, newFrameIndex);
    }
}

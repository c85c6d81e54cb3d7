package dev.nifiidcard.camera.gate;

/**
 * The best card-like region of a frame and how well it fits an ID-1 card.
 *
 * @param present      whether it is accepted as a card
 * @param areaFraction its area (holes filled) as a fraction of the frame
 * @param fill         its area over its minimum-area bounding rectangle's
 * @param box          that rectangle, or {@code null} when there is no candidate at all
 * @param left         its axis-aligned bounding box in pixels of the analysed image, inclusive
 * @param top          inclusive
 * @param right        exclusive
 * @param bottom       exclusive
 */
record CardOutline(boolean present, double areaFraction, double fill, OrientedBox box, int left, int top, int right, int bottom) {

    static final CardOutline NONE = new CardOutline(false, 0, Double.NaN, null, 0, 0, 0, 0);

    /** Long over short side of the bounding rectangle; NaN without a candidate. */
    double aspect() {
        return box == null ? Double.NaN : box.aspect();
    }
}

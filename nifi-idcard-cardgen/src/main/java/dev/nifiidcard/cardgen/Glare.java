package dev.nifiidcard.cardgen;

/**
 * A specular highlight: a bright ellipse fading out from its centre, in fractions of the card's width and height.
 *
 * @param centerX   centre across the card, 0 (left edge) to 1
 * @param centerY   centre down the card, 0 (top edge) to 1
 * @param radiusX   horizontal radius as a fraction of the card's width
 * @param radiusY   vertical radius as a fraction of the card's height
 * @param strength  peak opacity of the white, 0 to 1
 * @param overField whether it lies over a field the recognizer has to read, not over the portrait, emblem or a margin
 */
record Glare(double centerX, double centerY, double radiusX, double radiusY, double strength, boolean overField) {
}

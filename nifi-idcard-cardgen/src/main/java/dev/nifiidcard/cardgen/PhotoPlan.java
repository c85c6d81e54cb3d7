package dev.nifiidcard.cardgen;

import dev.nifiidcard.camera.specimen.SpecimenScene;
import dev.nifiidcard.ocr.CardSide;

/**
 * How one synthetic card is photographed; everything random about a photo is decided here, before any drawing.
 *
 * @param side          the side facing the camera
 * @param family        the font family the card's text is set in
 * @param specimenMark  whether the card carries the 样本 SPECIMEN mark
 * @param cardWidth     the card's width as a fraction of the frame's width
 * @param angle         the card's rotation in degrees, clockwise (a quarter turn plus a tilt)
 * @param centerX       the card's centre as a fraction of the frame's width
 * @param centerY       the card's centre as a fraction of the frame's height
 * @param desk          the surface under the card
 * @param blurRadius    radius in pixels of the two box-blur passes over the frame, 0 for a sharp photo
 * @param glare         the highlight over the card, or {@code null}
 * @param exposure      brightness factor, 1 for a well exposed photo
 * @param jpegQuality   JPEG quality, 60 to 90
 * @param textureSeed   seeds the desk and the sensor noise
 */
record PhotoPlan(CardSide side, CjkFonts family, boolean specimenMark, double cardWidth, double angle, double centerX,
                 double centerY, SpecimenScene.Desk desk, int blurRadius, Glare glare, double exposure, int jpegQuality,
                 long textureSeed) {
}

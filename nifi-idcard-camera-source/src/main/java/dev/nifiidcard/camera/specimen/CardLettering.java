package dev.nifiidcard.camera.specimen;

import java.awt.Shape;

/**
 * How a card's text becomes shapes: a font family for synthetic cards, committed glyph artwork for the specimen camera
 * (which must draw Chinese on a machine without a CJK font). Text is drawn by filling the outlines.
 */
public interface CardLettering {

    /** The outline of {@code text} set at an em size of {@code sizePixels}, its baseline starting at (0, 0). */
    Shape outline(String text, boolean bold, double sizePixels);

    /** How far {@code text} set at {@code sizePixels} advances along its baseline. */
    double advance(String text, boolean bold, double sizePixels);
}

package dev.nifiidcard.offline.ocr;

import java.util.List;

/**
 * A recognized line, its geometry in the page's upright, deskewed frame (pixels at the original image's scale).
 *
 * @param text     the glyphs' characters, joined
 * @param glyphs   each character with its confidence and runner-up
 * @param centerX  center of the line's box
 * @param centerY  center of the line's box
 * @param width    length of the box along the text
 * @param height   height of the box across the text
 * @param boxScore the detector's score for the box (mean text probability inside it)
 */
public record TextLine(String text, List<Glyph> glyphs, double centerX, double centerY, double width, double height,
        double boxScore) {

    public TextLine {
        glyphs = List.copyOf(glyphs);
    }

    /** Each character's confidence, in text order. */
    public float[] confidences() {
        final float[] confidences = new float[glyphs.size()];
        for (int i = 0; i < confidences.length; i++) {
            confidences[i] = glyphs.get(i).confidence();
        }
        return confidences;
    }

    /** The lowest character confidence (1 for an empty line). */
    public float minConfidence() {
        float min = 1;
        for (final Glyph glyph : glyphs) {
            min = Math.min(min, glyph.confidence());
        }
        return min;
    }

    /** The mean character confidence, as PaddleOCR scores a line (0 for an empty line). */
    public float meanConfidence() {
        double sum = 0;
        for (final Glyph glyph : glyphs) {
            sum += glyph.confidence();
        }
        return glyphs.isEmpty() ? 0 : (float) (sum / glyphs.size());
    }

    public double left() {
        return centerX - width / 2;
    }

    public double right() {
        return centerX + width / 2;
    }

    public double top() {
        return centerY - height / 2;
    }

    public double bottom() {
        return centerY + height / 2;
    }
}

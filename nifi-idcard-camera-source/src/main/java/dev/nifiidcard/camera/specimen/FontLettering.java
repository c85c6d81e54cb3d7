package dev.nifiidcard.camera.specimen;

import java.awt.Font;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;

/**
 * Lettering from a {@link Font} family's regular and bold faces, laid out with fractional metrics so the outlines do
 * not depend on the screen.
 *
 * @param regular the regular face, any size
 * @param bold    the bold face, any size
 */
public record FontLettering(Font regular, Font bold) implements CardLettering {

    private static final FontRenderContext OUTLINES = new FontRenderContext(null, true, true);

    @Override
    public Shape outline(final String text, final boolean isBold, final double sizePixels) {
        return glyphs(text, isBold, sizePixels).getOutline();
    }

    @Override
    public double advance(final String text, final boolean isBold, final double sizePixels) {
        final GlyphVector glyphs = glyphs(text, isBold, sizePixels);
        return glyphs.getGlyphPosition(glyphs.getNumGlyphs()).getX();
    }

    private GlyphVector glyphs(final String text, final boolean isBold, final double sizePixels) {
        return (isBold ? bold : regular).deriveFont((float) sizePixels).createGlyphVector(OUTLINES, text);
    }
}

package dev.nifiidcard.cardgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.nifiidcard.camera.specimen.GlyphLettering;
import dev.nifiidcard.camera.specimen.SpecimenText;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

/** The committed artwork in camera-source is what the generator produces from the downloaded font now. */
class SpecimenGlyphsGeneratorTest {

    @Test
    void theCommittedArtworkHasTheGeneratedCharactersAdvancesAndOutlines() throws IOException {
        final GlyphLettering generated = GlyphLettering.read(new StringReader(SpecimenGlyphsGenerator.artwork()));
        final GlyphLettering committed = GlyphLettering.notoSansSc();
        for (final boolean bold : new boolean[] {false, true}) {
            assertEquals(SpecimenText.codePoints(), generated.codePoints(bold));
            assertEquals(generated.codePoints(bold), committed.codePoints(bold), "bold=" + bold + ": re-run SpecimenGlyphsGenerator");
            for (final int codePoint : generated.codePoints(bold)) {
                final String character = new String(Character.toChars(codePoint));
                assertEquals(generated.advanceUnits(codePoint, bold), committed.advanceUnits(codePoint, bold), character);
                // outlines compared by their bounds, which a font scaler of another JDK rounds alike
                final Rectangle2D now = generated.outline(character, bold, 1000).getBounds2D();
                final Rectangle2D then = committed.outline(character, bold, 1000).getBounds2D();
                assertEquals(now.getMinX(), then.getMinX(), 2, character);
                assertEquals(now.getMinY(), then.getMinY(), 2, character);
                assertEquals(now.getMaxX(), then.getMaxX(), 2, character);
                assertEquals(now.getMaxY(), then.getMaxY(), 2, character);
            }
        }
    }

    @Test
    void theFontsLicenceLiesBesideTheArtwork() throws IOException {
        try (InputStream committed = GlyphLettering.class.getResourceAsStream("glyphs/" + SpecimenGlyphsGenerator.LICENSE_FILE)) {
            assertNotNull(committed);
            assertArrayEquals(SpecimenGlyphsGenerator.license(), committed.readAllBytes());
        }
    }
}

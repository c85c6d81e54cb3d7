package dev.nifiidcard.cardgen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nifiidcard.camera.specimen.CardFace;
import dev.nifiidcard.camera.specimen.CardHolder;
import dev.nifiidcard.camera.specimen.FontLettering;
import dev.nifiidcard.camera.specimen.SpecimenCard;

import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The card faces really carry Chinese glyphs in both families, not empty space or the boxes of a missing glyph. */
class CardFaceLetteringTest {

    private static final CardHolder XIAN = holder("冼彧");
    private static final CardHolder SHE = holder("佘亓");

    @Test
    void theNameRegionShowsTheNameInBothFamilies() {
        for (final CjkFonts family : CjkFonts.ALL) {
            final CardFace face = new CardFace(new FontLettering(family.font(false, 12), family.font(true, 12)), false);
            final int[] first = nameRegion(face.draw(XIAN, SpecimenCard.Side.FRONT));
            final int[] second = nameRegion(face.draw(SHE, SpecimenCard.Side.FRONT));
            assertTrue(darkPixels(first) > 2_000, family + ": " + darkPixels(first) + " dark pixels where the name is");
            // a font without these glyphs would draw the same empty box for each
            assertFalse(Arrays.equals(first, second), family + " draws two names alike");
        }
    }

    @Test
    void theFamiliesDrawDifferently() {
        final int[] sans = nameRegion(new CardFace(new FontLettering(CjkFonts.NOTO_SANS_SC.font(false, 12),
                CjkFonts.NOTO_SANS_SC.font(true, 12)), false).draw(XIAN, SpecimenCard.Side.FRONT));
        final int[] serif = nameRegion(new CardFace(new FontLettering(CjkFonts.NOTO_SERIF_SC.font(false, 12),
                CjkFonts.NOTO_SERIF_SC.font(true, 12)), false).draw(XIAN, SpecimenCard.Side.FRONT));
        assertFalse(Arrays.equals(sans, serif));
    }

    /** Where the name is printed: 19–40 mm from the left, 6–11 mm from the top. */
    private static int[] nameRegion(final BufferedImage face) {
        final double scale = CardFace.PIXELS_PER_MM;
        return face.getRGB((int) (19 * scale), (int) (6 * scale), (int) (21 * scale), (int) (5 * scale), null, 0, (int) (21 * scale));
    }

    private static long darkPixels(final int[] pixels) {
        return Arrays.stream(pixels).filter(argb -> ((argb >> 8) & 0xFF) < 100).count();
    }

    private static CardHolder holder(final String name) {
        return new CardHolder(name, "男", "仡佬", LocalDate.of(1990, 2, 3), "11010819900203001X", "北京市海淀区样本路1号",
                "北京市公安局海淀分局", LocalDate.of(2015, 1, 1), LocalDate.of(2035, 1, 1), 0);
    }
}

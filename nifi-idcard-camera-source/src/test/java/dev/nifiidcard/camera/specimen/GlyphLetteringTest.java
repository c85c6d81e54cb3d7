package dev.nifiidcard.camera.specimen;

import org.junit.jupiter.api.Test;

import java.awt.Shape;
import java.awt.geom.GeneralPath;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlyphLetteringTest {

    private static final GlyphLettering LETTERING = GlyphLettering.notoSansSc();

    /** Fails after a specimen person or label changes until SpecimenGlyphsGenerator is re-run. */
    @Test
    void theArtworkHasEveryCharacterTheSpecimenCardsDrawInBothWeights() {
        final SortedSet<Integer> drawn = SpecimenText.codePoints();
        for (final boolean bold : new boolean[] {false, true}) {
            final SortedSet<Integer> missing = new TreeSet<>(drawn);
            missing.removeAll(LETTERING.codePoints(bold));
            assertTrue(missing.isEmpty(), "bold=" + bold + ": not in " + GlyphLettering.RESOURCE + ": " + text(missing)
                    + "; re-run dev.nifiidcard.cardgen.SpecimenGlyphsGenerator");
        }
        // what the cards draw, collected by drawing them: Chinese of persons and labels, digits and the mark
        assertTrue(drawn.containsAll(codePoints("李明刘洋张伟汉姓名公民身份号码签发机关有效期限长期中华人民共和国居民身份证样本年月日0123456789.-")));
    }

    @Test
    void glyphsAreFilledOutlinesThatDifferPerCharacter() {
        final BufferedImage li = drawn("李");
        final BufferedImage zhang = drawn("张");
        assertTrue(inked(li) > 500, inked(li) + " inked pixels of 李");
        assertFalse(Arrays.equals(pixels(li), pixels(zhang)), "李 and 张 look alike");
        assertTrue(inked(drawnBold("李")) > inked(li), "bold has more ink than regular");
    }

    @Test
    void advancesAreThoseOfAFullWidthFont() {
        assertEquals(1000, LETTERING.advanceUnits('李', false));
        assertEquals(1000, LETTERING.advanceUnits('期', true));
        assertTrue(LETTERING.advanceUnits('1', false) < 700, "digits are narrower than Chinese");
        assertEquals(2 * 40.0, LETTERING.advance("样本", true, 40), 1e-9);
    }

    @Test
    void aCharacterOutsideTheArtworkIsNamedNotSkipped() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LETTERING.outline("鑫", false, 20));
        assertTrue(e.getMessage().contains("SpecimenGlyphsGenerator"), e.getMessage());
    }

    @Test
    void theFormatRoundTripsLinesAndCurves() throws IOException {
        final GeneralPath outline = new GeneralPath();
        outline.moveTo(10, -700);
        outline.lineTo(510, -700);
        outline.quadTo(600, -350, 510, 0);
        outline.curveTo(400, 20, 100, 20, 10, 0);
        outline.closePath();
        final String artwork = GlyphArtwork.weightLine(false) + "\n" + GlyphArtwork.glyphLine('口', 1000, outline) + "\n"
                + GlyphArtwork.weightLine(true) + "\n" + GlyphArtwork.glyphLine('口', 1000, outline) + "\n";

        final GlyphLettering read = GlyphLettering.read(new StringReader(artwork));

        assertEquals(Set.of((int) '口'), read.codePoints(true));
        assertEquals(segments(outline), segments(read.outline("口", false, GlyphArtwork.UNITS_PER_EM)));
    }

    private static List<String> segments(final Shape shape) {
        final List<String> segments = new ArrayList<>();
        final double[] coordinates = new double[6];
        for (final PathIterator iterator = shape.getPathIterator(null); !iterator.isDone(); iterator.next()) {
            final int type = iterator.currentSegment(coordinates);
            segments.add(type + Arrays.toString(coordinates));
            Arrays.fill(coordinates, 0);
        }
        return segments;
    }

    private static BufferedImage drawn(final String text) {
        return drawn(text, false);
    }

    private static BufferedImage drawnBold(final String text) {
        return drawn(text, true);
    }

    private static BufferedImage drawn(final String text, final boolean bold) {
        final BufferedImage image = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        final var g = image.createGraphics();
        g.translate(5, 50);
        g.fill(LETTERING.outline(text, bold, 48));
        g.dispose();
        final Rectangle2D bounds = LETTERING.outline(text, bold, 48).getBounds2D();
        assertTrue(bounds.getWidth() > 30 && bounds.getHeight() > 30, text + " is " + bounds);
        return image;
    }

    private static int[] pixels(final BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static long inked(final BufferedImage image) {
        return Arrays.stream(pixels(image)).filter(rgb -> (rgb & 0xFF) > 128).count();
    }

    private static Set<Integer> codePoints(final String text) {
        return new TreeSet<>(text.codePoints().boxed().toList());
    }

    private static String text(final Set<Integer> codePoints) {
        final StringBuilder text = new StringBuilder();
        codePoints.forEach(text::appendCodePoint);
        return text.toString();
    }
}

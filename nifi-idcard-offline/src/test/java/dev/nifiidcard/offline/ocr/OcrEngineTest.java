package dev.nifiidcard.offline.ocr;

import dev.nifiidcard.cardgen.CjkFonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.nifiidcard.offline.ocr.TestImages.ADDRESS_1;
import static dev.nifiidcard.offline.ocr.TestImages.ADDRESS_2;
import static dev.nifiidcard.offline.ocr.TestImages.NAME;
import static dev.nifiidcard.offline.ocr.TestImages.NUMBER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real inference on rendered cards; one set of sessions for the class, as one engine serves a NiFi node. */
class OcrEngineTest {

    private static OcrModels models;
    private static OcrEngine engine;

    @BeforeAll
    static void loadModels() throws Exception {
        models = OcrModels.load(1);
        engine = new OcrEngine(models);
    }

    @AfterAll
    static void closeModels() throws Exception {
        models.close();
    }

    @ParameterizedTest
    @EnumSource(CjkFonts.class)
    void readsTheNameTheNumberAndTheAddressOfAnUprightCard(final CjkFonts family) throws Exception {
        final OcrPage page = engine.read(TestImages.card(family, NAME));
        assertEquals(0, page.rotation());
        assertEquals(0, page.skewDegrees(), 1);
        assertCardRead(page);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void turnsAQuarterTurnedCardUpright(final int quarterTurns) throws Exception {
        final CjkFonts family = CjkFonts.ALL.get(quarterTurns % 2);
        final OcrPage page = engine.read(TestImages.turnedCounterClockwise(TestImages.card(family, NAME), quarterTurns));
        assertEquals(90 * quarterTurns, page.rotation());
        assertEquals(1920, page.width());
        assertEquals(1080, page.height());
        assertCardRead(page);
    }

    @ParameterizedTest
    @ValueSource(doubles = {12, -12})
    void removesTheTiltFromTheGeometry(final double degrees) throws Exception {
        final CjkFonts family = degrees > 0 ? CjkFonts.NOTO_SANS_SC : CjkFonts.NOTO_SERIF_SC;
        final OcrPage page = engine.read(TestImages.tilted(TestImages.card(family, NAME), degrees));
        assertEquals(0, page.rotation());
        assertEquals(degrees, page.skewDegrees(), 1.5);
        assertCardRead(page);
    }

    @Test
    void readsABlurredNoisyJpegOfATurnedTiltedCard() throws Exception {
        final BufferedImage photo = TestImages.jpeg(TestImages.noisy(TestImages.blurred(
                TestImages.tilted(TestImages.turnedCounterClockwise(TestImages.card(CjkFonts.NOTO_SANS_SC, NAME), 3), -10)),
                6, 14), 0.6f);
        final OcrPage page = engine.read(photo);
        assertEquals(270, page.rotation());
        assertEquals(NUMBER, line(page, NUMBER).text());
        assertEquals(NAME, line(page, NAME).text());
    }

    @ParameterizedTest
    @EnumSource(CjkFonts.class)
    void exposesEachCharactersConfidenceAndRunnerUpOnRareSurnames(final CjkFonts family) throws Exception {
        // 佘, 冼, 亓, 彧 are in the dictionary, but PP-OCRv4 tends to read their common look-alikes 余, 洗, 元, 或
        final OcrPage page = engine.read(TestImages.line(family, "佘冼亓彧", 40));
        assertEquals(1, page.lines().size());
        final TextLine line = page.lines().get(0);
        System.out.println(family + " reads 佘冼亓彧 as " + line.text() + ": " + line.glyphs());
        assertEquals(4, line.glyphs().size());
        assertEquals(line.text().length(), line.confidences().length);
        for (final Glyph glyph : line.glyphs()) {
            assertTrue(glyph.confidence() > 0 && glyph.confidence() <= 1.0001f, glyph.toString());
            assertTrue(glyph.runnerUpConfidence() > 0 && glyph.runnerUpConfidence() <= glyph.confidence(), glyph.toString());
            assertTrue(!glyph.runnerUp().isEmpty() && !glyph.runnerUp().equals(glyph.character()), glyph.toString());
        }
        // whatever it reads for 佘, the engine either reads it right or shows it as the runner-up
        final Glyph she = line.glyphs().get(0);
        assertTrue(she.character().equals("佘") || she.runnerUp().equals("佘"), she.toString());
    }

    @Test
    void findsNothingOnABlankImage() throws Exception {
        final BufferedImage blank = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        final OcrPage page = engine.read(blank);
        assertEquals(List.of(), page.lines());
        assertEquals(0, page.rotation());
    }

    @Test
    void servesConcurrentCallersTheSameAnswer() throws Exception {
        final BufferedImage card = TestImages.card(CjkFonts.NOTO_SERIF_SC, NAME);
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            final Future<OcrPage> first = pool.submit(() -> engine.read(card));
            final Future<OcrPage> second = pool.submit(() -> engine.read(card));
            assertEquals(first.get().lines(), second.get().lines());
        } finally {
            pool.shutdown();
        }
    }

    /** The fields read exactly, and where a card parser will look for them in the upright frame. */
    private static void assertCardRead(final OcrPage page) {
        final TextLine nameLabel = line(page, "姓名");
        final TextLine name = line(page, NAME);
        final TextLine address1 = line(page, ADDRESS_1);
        final TextLine address2 = line(page, ADDRESS_2);
        final TextLine number = line(page, NUMBER);
        assertEquals(NAME, name.text());
        assertEquals(NUMBER, number.text());
        assertEquals(ADDRESS_1, address1.text());
        // the value is right of its label on the same row
        assertTrue(name.left() > nameLabel.right() - 5, () -> nameLabel + " / " + name);
        assertEquals(nameLabel.centerY(), name.centerY(), nameLabel.height() / 2);
        // the address's second line right under its first, left-aligned
        assertEquals(address1.left(), address2.left(), 12);
        assertTrue(address2.top() > address1.centerY(), () -> address1 + " / " + address2);
        // the number the lowest line, and the reading order top to bottom
        final List<TextLine> lines = page.lines();
        assertEquals(number, lines.get(lines.size() - 1));
        assertTrue(lines.indexOf(nameLabel) < lines.indexOf(name) && lines.indexOf(name) < lines.indexOf(address1)
                && lines.indexOf(address1) < lines.indexOf(address2), lines::toString);
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i).centerY() > lines.get(i - 1).centerY() - lines.get(i).height() / 2, lines::toString);
        }
    }

    /** The line that holds {@code text}. */
    private static TextLine line(final OcrPage page, final String text) {
        return page.lines().stream().filter(line -> line.text().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("No line holds " + text + " in " + page.lines().stream().map(TextLine::text).toList()));
    }
}

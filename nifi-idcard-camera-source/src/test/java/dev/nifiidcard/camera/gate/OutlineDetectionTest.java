package dev.nifiidcard.camera.gate;

import dev.nifiidcard.camera.specimen.SpecimenScene.Desk;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cards that only their outline gives away, and dark things on desks that must stay "no card". */
class OutlineDetectionTest {

    private final OutlineScenes scenes = new OutlineScenes();

    @Test
    void findsAStillSharpCardWithADarkBandAcrossItsTop() throws IOException {
        // the frame: the light part alone is too long for a card (aspect ~1.86), the band merges with the desk
        assertCard(scenes.bandedCard(), 0.56);
    }

    @Test
    void findsACardInADarkHolderByTheHoldersOutline() throws IOException {
        // the holder's outline (card plus a 4% rim all round) is what the camera sees as the card
        final double id1 = 85.6 / 53.98;
        final double rim = 0.08;
        assertCard(scenes.cardInHolder(), 0.45 * (1 + rim) * (1 + rim * id1), (1 + rim) * id1 / (1 + rim * id1));
    }

    @Test
    void findsADarkCardOnLightAndDarkDesks() throws IOException {
        assertCard(scenes.darkCard(Desk.LIGHT), 0.4);
        assertCard(scenes.darkCard(Desk.WOOD), 0.4);
        assertCard(scenes.darkCard(Desk.FABRIC), 0.4);
    }

    @Test
    void findsALightCardOnALightDesk() throws IOException {
        assertCard(scenes.lightCardOnLightDesk(), 0.5);
    }

    @Test
    void emptyTexturedDesksAreNoCard() throws IOException {
        for (final Desk desk : Desk.values()) {
            final FrameScores scores = new FrameAnalyzer().analyze(scenes.emptyDesk(desk));
            assertFalse(scores.cardPresent(), () -> desk + ": " + scores);
        }
    }

    @Test
    void darkBooksAndPhonesAreNoCard() throws IOException {
        for (final Desk desk : Desk.values()) {
            final FrameScores book = new FrameAnalyzer().analyze(scenes.darkObject(desk, 1.3, 0.35));
            final FrameScores phone = new FrameAnalyzer().analyze(scenes.darkObject(desk, 2.1, 0.2));
            assertFalse(book.cardPresent(), () -> desk + " book: " + book);
            assertFalse(phone.cardPresent(), () -> desk + " phone: " + phone);
        }
    }

    private static void assertCard(final ScaledLuma luma, final double areaFraction) {
        assertCard(luma, areaFraction, 85.6 / 53.98);
    }

    private static void assertCard(final ScaledLuma luma, final double areaFraction, final double aspect) {
        final FrameScores scores = new FrameAnalyzer().analyze(luma);
        assertTrue(scores.cardPresent(), scores::toString);
        assertEquals(areaFraction, scores.cardAreaFraction(), 0.04, scores::toString);
        assertEquals(aspect, scores.cardAspect(), 0.05, scores::toString);
    }
}

package dev.nifiidcard.camera.specimen;

import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every character the specimen camera draws, found by drawing its cards with lettering that only takes note: the
 * committed glyph artwork must cover exactly these, so a changed person or label is caught by a test.
 */
public final class SpecimenText {

    /** Drawn by any resident ID number, whoever the specimen persons are. */
    private static final String ALWAYS = "0123456789X";

    private SpecimenText() {
    }

    /** The code points of the specimen cards' text, the space included. */
    public static SortedSet<Integer> codePoints() {
        final SortedSet<Integer> codePoints = new TreeSet<>();
        ALWAYS.codePoints().forEach(codePoints::add);
        final CardLettering noting = new CardLettering() {
            @Override
            public Shape outline(final String text, final boolean bold, final double sizePixels) {
                text.codePoints().forEach(codePoints::add);
                return new Rectangle2D.Double();
            }

            @Override
            public double advance(final String text, final boolean bold, final double sizePixels) {
                text.codePoints().forEach(codePoints::add);
                return 0;
            }
        };
        final CardFace face = new CardFace(noting, true);
        for (final SpecimenCard card : SpecimenCard.CYCLE) {
            face.draw(card.person().holder(), card.side());
        }
        return codePoints;
    }
}

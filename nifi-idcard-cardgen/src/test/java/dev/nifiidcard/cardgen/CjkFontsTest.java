package dev.nifiidcard.cardgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class CjkFontsTest {

    @Test
    void bothFamiliesDrawTheCardsRareCharacters() {
        for (final CjkFonts family : CjkFonts.ALL) {
            for (final boolean bold : new boolean[] {false, true}) {
                // rare surnames and ethnic groups the recognizer's dictionary lacks or confuses
                assertEquals(-1, family.font(bold, 24f).canDisplayUpTo("冼佘亓彧仡佬仫畲公民身份号码长期"), family + " bold=" + bold);
            }
        }
        assertNotEquals(CjkFonts.NOTO_SANS_SC.font(false, 24f).getFamily(), CjkFonts.NOTO_SERIF_SC.font(false, 24f).getFamily());
    }
}

package dev.nifiidcard.idnumber;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ResidentIdNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "440524188001010014", "440524198701010014", "440305199505132561"})
    void publishedValidSamples(final String number) {
        assertNull(ResidentIdNumber.check(number, null, null));
    }

    @Test
    void wrongCheckDigit() {
        assertEquals(ResidentIdNumber.Problem.CHECK_DIGIT, ResidentIdNumber.check("110101197608056896", null, null));
        assertEquals('7', ResidentIdNumber.checkCharacter("110101197608056896"));
    }

    @Test
    void consistencyWithThePrintedFields() {
        assertNull(ResidentIdNumber.check("440524198701010014", "1987-01-01", "男"));
        assertNull(ResidentIdNumber.check("440305199505132561", "1995-05-13", "女"));
        assertEquals(ResidentIdNumber.Problem.SEX_MISMATCH, ResidentIdNumber.check("440524198701010014", "1987-01-01", "女"));
        assertEquals(ResidentIdNumber.Problem.BIRTH_DATE_MISMATCH, ResidentIdNumber.check("440524198701010014", "1987-01-02", "男"));
    }

    @Test
    void malformedNumbers() {
        assertEquals(ResidentIdNumber.Problem.FORMAT, ResidentIdNumber.check(null, null, null));
        assertEquals(ResidentIdNumber.Problem.FORMAT, ResidentIdNumber.check("44052419870101001", null, null));
        assertEquals(ResidentIdNumber.Problem.FORMAT, ResidentIdNumber.check("44052419870101001Y", null, null));
        assertNull(ResidentIdNumber.check("11010519491231002x", null, null), "a lower-case check character is the same X");
        // a correct check character, but 1987-02-30 does not exist
        final String impossibleDate = "44052419870230001";
        final String number = impossibleDate + ResidentIdNumber.checkCharacter(impossibleDate + "0");
        assertEquals(ResidentIdNumber.Problem.BIRTH_DATE, ResidentIdNumber.check(number, null, null));
    }

    @Test
    void masking() {
        assertEquals("440524********0014", ResidentIdNumber.mask("440524198701010014"));
        assertEquals("Card 440524********0014 refused; ref 12345",
                ResidentIdNumber.maskAll("Card 440524198701010014 refused; ref 12345"));
        assertEquals("id=11010519491231002X".replace("19491231", "********"), ResidentIdNumber.maskAll("id=11010519491231002X"));
        assertEquals("legacy 440524*****1001", ResidentIdNumber.maskAll("legacy 440524870101001"));
    }
}

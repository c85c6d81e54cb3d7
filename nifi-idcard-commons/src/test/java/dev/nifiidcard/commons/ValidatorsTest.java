package dev.nifiidcard.commons;

import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidatorsTest {

    @Test
    void numberInRangeIncludesBothBounds() {
        final Validator validator = Validators.numberInRange(0.1, 60);

        assertTrue(validate(validator, "0.1").isValid());
        assertTrue(validate(validator, " 60 ").isValid());
        assertFalse(validate(validator, "0.09").isValid());
        assertFalse(validate(validator, "61").isValid());
        assertEquals("must be a number from 0.1 to 60", validate(validator, "61").getExplanation());
    }

    @Test
    void whatIsNotANumberIsInvalid() {
        for (final String input : new String[] {"", "five", "NaN", null}) {
            assertFalse(validate(Validators.numberInRange(0, 255), input).isValid(), input);
        }
    }

    private static ValidationResult validate(final Validator validator, final String input) {
        return validator.validate("Rate", input, null);
    }
}

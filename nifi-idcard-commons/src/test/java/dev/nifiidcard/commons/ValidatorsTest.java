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
    void positiveNumberAtMostExcludesZero() {
        final Validator validator = Validators.positiveNumberAtMost(10_000);

        assertTrue(validate(validator, "0.5").isValid());
        assertTrue(validate(validator, "10000").isValid());
        assertFalse(validate(validator, "0").isValid());
        assertFalse(validate(validator, "10000.5").isValid());
        assertEquals("must be a number greater than 0 and at most 10000", validate(validator, "0").getExplanation());
    }

    @Test
    void whatIsNotANumberIsInvalid() {
        for (final String input : new String[] {"", "five", "NaN", null}) {
            assertFalse(validate(Validators.numberInRange(0, 255), input).isValid(), input);
            assertFalse(validate(Validators.positiveNumberAtMost(10), input).isValid(), input);
        }
    }

    private static ValidationResult validate(final Validator validator, final String input) {
        return validator.validate("Rate", input, null);
    }
}

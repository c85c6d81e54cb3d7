package dev.nifiidcard.commons;

import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;

import java.util.function.DoublePredicate;

/** Property validators that NiFi's StandardValidators lack: decimal numbers within bounds. */
public final class Validators {

    private Validators() {
    }

    /** A decimal number from {@code min} to {@code max}, both included. */
    public static Validator numberInRange(final double min, final double max) {
        return number(value -> value >= min && value <= max, "must be a number from " + plain(min) + " to " + plain(max));
    }

    private static Validator number(final DoublePredicate accepted, final String explanation) {
        return (subject, input, context) -> new ValidationResult.Builder()
                .subject(subject)
                .input(input)
                .valid(accepts(accepted, input))
                .explanation(explanation)
                .build();
    }

    private static boolean accepts(final DoublePredicate accepted, final String input) {
        try {
            // NaN fails every bound
            return input != null && accepted.test(Double.parseDouble(input.trim()));
        } catch (final NumberFormatException e) {
            return false;
        }
    }

    /** 60 rather than 60.0, 0.1 as it is. */
    private static String plain(final double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}

package dev.nifiidcard.ocr;

import java.util.stream.Stream;

/**
 * Recognized card fields, normalized across providers. Text fields are as printed on the card; dates are ISO
 * {@code yyyy-MM-dd}; {@code validUntil} may also be {@link #LONG_TERM}. A field the side does not carry, or
 * that was not recognized, is {@code null}.
 */
public record IdCardFields(String name, String sex, String nation, String birth, String number, String address,
                           String authority, String validFrom, String validUntil) {

    /** The normalized value of a validity end printed as 长期 (long-term). */
    public static final String LONG_TERM = "long-term";

    /** Whether nothing at all was recognized. */
    public boolean isEmpty() {
        return Stream.of(name, sex, nation, birth, number, address, authority, validFrom, validUntil).allMatch(f -> f == null);
    }

    /** The side these fields come from: the back carries only the authority and the validity period. */
    public CardSide inferSide() {
        final boolean front = Stream.of(name, sex, nation, birth, number, address).anyMatch(f -> f != null);
        return front ? CardSide.FRONT : CardSide.BACK;
    }

    @Override
    public String toString() {
        return "IdCardFields[personal data withheld]";
    }
}

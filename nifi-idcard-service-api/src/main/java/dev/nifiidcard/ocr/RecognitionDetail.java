package dev.nifiidcard.ocr;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fact a provider reports beyond the printed fields, written by the processor as {@code idcard.<name>} without
 * knowing which provider answered. The set is open: a provider that reports something new defines its own detail.
 *
 * @param name         the attribute name after {@code idcard.}: lower-case words joined by dots, for example {@code order.no}
 * @param personalData whether the value is personal data, kept out of attributes when the result goes to the content
 */
public record RecognitionDetail(String name, boolean personalData) {

    // first: the constants below are checked against it
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*");

    /** The native place the provider derives from the ID number's region code (personal data). */
    public static final RecognitionDetail NATIVE_PLACE = new RecognitionDetail("native.place", true);
    /** The order number sent with the call, the key for asking the provider about it later. */
    public static final RecognitionDetail ORDER_NUMBER = new RecognitionDetail("order.no", false);
    /** How the provider found the image rotated: cw90, cw180 or cw270, clockwise. */
    public static final RecognitionDetail ROTATION = new RecognitionDetail("rotation", false);

    public RecognitionDetail {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A detail name is lower-case words joined by dots: " + name);
        }
    }
}

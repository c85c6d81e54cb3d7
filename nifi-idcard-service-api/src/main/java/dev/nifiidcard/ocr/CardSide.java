package dev.nifiidcard.ocr;

/** Which side of the card an image shows: the portrait side (front) or the national emblem side (back). */
public enum CardSide {
    FRONT,
    BACK;

    /** The lower-case form written as {@code idcard.side}. */
    public String attributeValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

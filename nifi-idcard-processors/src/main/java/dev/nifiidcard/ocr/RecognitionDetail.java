package dev.nifiidcard.ocr;

/**
 * Facts some providers report beyond the printed fields. The processor writes each to its own {@code idcard.*}
 * attribute without knowing which provider answered.
 */
public enum RecognitionDetail {
    /** The native place the provider derives from the ID number's region code (personal data). */
    NATIVE_PLACE,
    /** The order number sent with the call, the key for asking the provider about it later. */
    ORDER_NUMBER,
    /** How the provider found the image rotated: cw90, cw180 or cw270, clockwise. */
    ROTATION
}

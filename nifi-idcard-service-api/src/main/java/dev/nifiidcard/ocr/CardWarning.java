package dev.nifiidcard.ocr;

/**
 * Provider-neutral names of card warnings. Providers map their own codes onto these; a code a provider
 * does not document maps to {@link #UNKNOWN} and still counts as a warning.
 */
public enum CardWarning {
    BORDER_INCOMPLETE(true),
    PHOTOCOPY(true),
    BLACK_WHITE_COPY(false),
    SCREEN_RESHOOT(true),
    OCCLUSION(false),
    TEMPORARY_ID(true),
    PS_EDITED(true),
    REFLECTION(true),
    INVALID_DATE(true),
    ELECTRONIC_ID(false),
    WATERMARK(false),
    /** The provider reports that it could not read one of the printed fields reliably (its provider code names the field). */
    FIELD_UNCERTAIN(false),
    UNKNOWN(false);

    private final boolean requestable;

    CardWarning(final boolean requestable) {
        this.requestable = requestable;
    }

    /** Whether a flow can ask for this check; the others arrive as side effects of a requested one. */
    public boolean isRequestable() {
        return requestable;
    }
}

package dev.nifiidcard.image;

/** The content is not an image a provider can take; the code is a stable {@code Local.*} code. */
public class UnreadableImageException extends Exception {

    private final String code;

    public UnreadableImageException(final String code, final String message) {
        super(message);
        this.code = code;
    }

    public String getCode() {
        return code;
    }
}

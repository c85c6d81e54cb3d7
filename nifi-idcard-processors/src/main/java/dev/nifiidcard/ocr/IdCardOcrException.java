package dev.nifiidcard.ocr;

/**
 * A recognition that did not produce a card. The code is stable: the provider's own error code (for example
 * {@code FailedOperation.ImageNoIdCard}) or one of this bundle's {@code Local.*} / {@code Network.*} codes.
 * Messages never contain credentials or ID numbers.
 */
public class IdCardOcrException extends Exception {

    private final String code;
    private final boolean retryable;
    private final boolean credentialFailure;
    private final String requestId;

    public IdCardOcrException(final String code, final String message, final boolean retryable,
                              final boolean credentialFailure, final String requestId, final Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
        this.credentialFailure = credentialFailure;
        this.requestId = requestId;
    }

    public IdCardOcrException(final String code, final String message, final boolean retryable) {
        this(code, message, retryable, false, null, null);
    }

    public String getCode() {
        return code;
    }

    /** Whether the same image may succeed later (throttling, outages); the call already used its retries. */
    public boolean isRetryable() {
        return retryable;
    }

    /** Whether the credentials or the clock were refused, so every other image would fail the same way. */
    public boolean isCredentialFailure() {
        return credentialFailure;
    }

    /** The provider's request id, or {@code null} when no answer arrived. */
    public String getRequestId() {
        return requestId;
    }
}

package dev.nifiidcard.ocr;

import java.io.IOException;

/**
 * A recognition that did not produce a card. The code is stable: the provider's own error code (for example
 * {@code FailedOperation.ImageNoIdCard}) or one of this bundle's {@code Local.*} / {@code Transport.*} codes.
 * Messages never contain credentials or full ID numbers.
 */
public class IdCardOcrException extends Exception {

    /** Code prefix of failures where no usable provider answer arrived. */
    public static final String TRANSPORT = "Transport.";
    /** Code prefix of failures detected by this bundle without a provider call. */
    public static final String LOCAL = "Local.";

    /** What kind of failure this is, whatever the provider calls it. */
    public enum Category {
        /** Detected locally, before or instead of a call. */
        LOCAL,
        /** The provider refused this image or request; another image may succeed. */
        REJECTED,
        /** The provider refused the credentials or the clock: every call would fail the same way. */
        CREDENTIALS,
        /** The account cannot recognize (arrears, service not activated, quota used up): every call would fail. */
        ACCOUNT,
        /** The provider throttled the call. */
        THROTTLED,
        /**
         * The service's own rate limit had no call free soon: nothing was sent and nothing is wrong with the image. The
         * caller keeps it, unpenalized, and comes back shortly (a processor rolls back and yields).
         */
        RATE_LIMITED,
        /** The provider failed or is unavailable. */
        PROVIDER_ERROR,
        /** No usable answer arrived: connection, timeout, TLS, or an answer that is not the provider's API. */
        TRANSPORT;

        /** Whether every other call would fail the same way until an operator acts. */
        public boolean affectsEveryCall() {
            return this == CREDENTIALS || this == ACCOUNT;
        }
    }

    private final String code;
    private final Category category;
    private final boolean retryable;
    private final String requestId;
    private final boolean answerLost;

    public IdCardOcrException(final String code, final String message, final Category category, final boolean retryable,
                              final String requestId, final Throwable cause) {
        this(code, message, category, retryable, requestId, cause, false);
    }

    /**
     * @param answerLost the whole request reached the network but no answer came back: the provider may have
     *                   recognized, and billed, the image
     */
    public IdCardOcrException(final String code, final String message, final Category category, final boolean retryable,
                              final String requestId, final Throwable cause, final boolean answerLost) {
        super(message, cause);
        this.code = code;
        this.category = category;
        this.retryable = retryable;
        this.requestId = requestId;
        this.answerLost = answerLost;
    }

    public IdCardOcrException(final String code, final String message, final Category category, final boolean retryable) {
        this(code, message, category, retryable, null, null);
    }

    /** The image could not be read from its source (such as the content repository) while preparing a call: retryable. */
    public static IdCardOcrException contentUnreadable(final IOException e) {
        return new IdCardOcrException(LOCAL + "ContentUnreadable", "Could not read the image: " + e.getMessage(), Category.LOCAL,
                true, null, e);
    }

    public String getCode() {
        return code;
    }

    public Category getCategory() {
        return category;
    }

    /** Whether the same image may succeed later (throttling, outages, a lost connection). */
    public boolean isRetryable() {
        return retryable;
    }

    /** Whether the request was sent whole and only the answer was lost, so a retry may be billed a second time. */
    public boolean isAnswerLost() {
        return answerLost;
    }

    /** The provider's request id, or {@code null} when no answer arrived. */
    public String getRequestId() {
        return requestId;
    }
}

package dev.nifiidcard.http;

import dev.nifiidcard.ocr.IdCardOcrException;

/**
 * Keeps secrets (app secrets, access tokens, tickets, signs) out of failure messages. Providers that take them as URL
 * query parameters or echo them in their answers (WeChat, Huiyan) could otherwise carry them into a log, an attribute
 * or a provenance event through anything that quotes a URL or the request.
 */
public final class SecretRedactor {

    public static final String REDACTED = "[redacted]";

    private SecretRedactor() {
    }

    /** The text with every occurrence of each secret replaced by {@link #REDACTED}. */
    public static String redact(final String text, final String... secrets) {
        return replace(text, REDACTED, secrets);
    }

    /** The text with every occurrence of each secret replaced by the marker. */
    public static String replace(final String text, final String marker, final String... secrets) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (final String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                redacted = redacted.replace(secret, marker);
            }
        }
        return redacted;
    }

    /**
     * The failure itself when neither its message nor any cause quotes a secret; otherwise the same failure with the
     * secrets replaced in its message and without its causes, whose messages cannot be rewritten.
     */
    public static IdCardOcrException redact(final IdCardOcrException failure, final String... secrets) {
        if (!quotesAny(failure, secrets)) {
            return failure;
        }
        return new IdCardOcrException(failure.getCode(), redact(failure.getMessage(), secrets), failure.getCategory(),
                failure.isRetryable(), failure.getRequestId(), null, failure.isAnswerLost());
    }

    private static boolean quotesAny(final Throwable failure, final String... secrets) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            final String text = String.valueOf(t.getMessage());
            for (final String secret : secrets) {
                if (secret != null && !secret.isEmpty() && text.contains(secret)) {
                    return true;
                }
            }
            for (final Throwable suppressed : t.getSuppressed()) {
                if (quotesAny(suppressed, secrets)) {
                    return true;
                }
            }
        }
        return false;
    }
}

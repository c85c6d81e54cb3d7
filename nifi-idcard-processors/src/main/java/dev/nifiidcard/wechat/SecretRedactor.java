package dev.nifiidcard.wechat;

import dev.nifiidcard.ocr.IdCardOcrException;

/**
 * Keeps the App Secret and access tokens out of failure messages. WeChat takes both as URL query parameters, so
 * anything that quotes a URL (a gateway's error page, an HTTP library's exception, an errmsg that echoes the
 * request) could carry them into a log, an attribute or a provenance event.
 */
final class SecretRedactor {

    static final String REDACTED = "[redacted]";

    private SecretRedactor() {
    }

    /** The text with every occurrence of each secret replaced. */
    static String redact(final String text, final String... secrets) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (final String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                redacted = redacted.replace(secret, REDACTED);
            }
        }
        return redacted;
    }

    /**
     * The failure itself when neither its message nor any cause quotes a secret; otherwise the same failure with the
     * secrets replaced in its message and without its causes, whose messages cannot be rewritten.
     */
    static IdCardOcrException redact(final IdCardOcrException failure, final String... secrets) {
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

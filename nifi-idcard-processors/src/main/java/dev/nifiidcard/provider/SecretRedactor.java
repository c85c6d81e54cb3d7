package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.IdCardOcrException;

import java.util.Arrays;
import java.util.Collection;

/**
 * Keeps secrets (app secrets, access tokens, tickets, signs, keys) out of failure messages and {@code toString()}s,
 * always with the one marker {@link #REDACTED}. Providers that take secrets as URL query parameters or echo them in
 * their answers (WeChat, Huiyan) could otherwise carry them into a log, an attribute or a provenance event through
 * anything that quotes a URL, the request or the answer.
 */
public final class SecretRedactor {

    public static final String REDACTED = "[redacted]";

    private SecretRedactor() {
    }

    /** The text with every occurrence of each secret replaced by {@link #REDACTED}. */
    public static String redact(final String text, final String... secrets) {
        return redact(text, Arrays.asList(secrets));
    }

    /** The text with every occurrence of each secret replaced by {@link #REDACTED}. */
    public static String redact(final String text, final Collection<String> secrets) {
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

    /** See {@link #redact(IdCardOcrException, Collection)}. */
    public static IdCardOcrException redact(final IdCardOcrException failure, final String... secrets) {
        return redact(failure, Arrays.asList(secrets));
    }

    /**
     * The failure itself when neither its message nor any cause quotes a secret; otherwise the same failure, stale or
     * not, with the secrets replaced in its message and without its causes, whose messages cannot be rewritten.
     */
    public static IdCardOcrException redact(final IdCardOcrException failure, final Collection<String> secrets) {
        if (!quotesAny(failure, secrets)) {
            return failure;
        }
        final IdCardOcrException redacted = new IdCardOcrException(failure.getCode(), redact(failure.getMessage(), secrets),
                failure.getCategory(), failure.isRetryable(), failure.getRequestId(), null, failure.isAnswerLost());
        return failure instanceof StaleCredentialException ? new StaleCredentialException(redacted) : redacted;
    }

    private static boolean quotesAny(final Throwable failure, final Collection<String> secrets) {
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

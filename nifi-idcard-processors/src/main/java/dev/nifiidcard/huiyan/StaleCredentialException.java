package dev.nifiidcard.huiyan;

import dev.nifiidcard.ocr.IdCardOcrException;

/**
 * Huiyan refused a call because the SIGN ticket (or the access token behind it) is invalid or expired: worth one
 * fresh credential and one more try. Not retryable as such, so that the call executor hands it back at once.
 */
final class StaleCredentialException extends IdCardOcrException {

    StaleCredentialException(final String code, final String message, final String requestId) {
        super(code, message, Category.CREDENTIALS, false, requestId, null);
    }

    /** The final failure when a fresh credential was refused too: the credentials, not their age, are wrong. */
    IdCardOcrException refusedAgain(final String credential) {
        return new IdCardOcrException(getCode(), getMessage() + " (refused again with a freshly fetched " + credential + ")",
                Category.CREDENTIALS, false, getRequestId(), null);
    }
}

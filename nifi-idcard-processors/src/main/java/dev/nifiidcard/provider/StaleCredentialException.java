package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.IdCardOcrException;

/**
 * The provider refused the credential as stale (an expired or replaced token or ticket, a signature made with a
 * skewed clock): worth one renewed credential and one more try. Not retryable as such, so that the retries hand it
 * back at once; {@link ProviderAttempt} renews it.
 */
public final class StaleCredentialException extends IdCardOcrException {

    public StaleCredentialException(final IdCardOcrException refusal) {
        super(refusal.getCode(), refusal.getMessage(), refusal.getCategory(), false, refusal.getRequestId(), null);
    }

    /** The final failure when the renewed credential was refused too: the credentials, not their age, are wrong. */
    IdCardOcrException refusedAgain(final String provider, final String credential) {
        return new IdCardOcrException(getCode(), provider + " refused a newly fetched " + credential + " too: " + getMessage(),
                getCategory(), false, getRequestId(), null);
    }
}

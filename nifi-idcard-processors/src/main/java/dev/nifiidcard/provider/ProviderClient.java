package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;

/**
 * What a provider writes, built by its service from the properties: one for the enabled service and one for each
 * Verify. Everything else (the HTTP client, the rate limit, retries, renewing a stale credential once, redaction and
 * Verify) is shared: see {@link AbstractIdCardOcrService} and {@link ProviderAttempt}.
 *
 * @param <K> the credential a request is signed or authorized with
 */
public interface ProviderClient<K> {

    /** Where the credential comes from: a static key, a cached token, a token-then-ticket chain. */
    CredentialSource<K> credentials();

    /**
     * The part of one recognition that stays the same between its attempts. Runs on the caller's thread and may read
     * the image once, for example to hash the body it will send.
     */
    ProviderCall<K> prepare(ImageSource image, RecognitionRequest request) throws IdCardOcrException;

    /** The endpoint as a provenance transit URI, without credentials. */
    String transitUri();
}

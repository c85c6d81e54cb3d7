package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.provider.http.ProviderExchange;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.nifi.logging.ComponentLog;

/**
 * One attempt at a provider call, the same for every provider: with the current credential, and when the provider
 * calls that credential stale, once more with a renewed one. Failures never quote the credential's secrets.
 */
public final class ProviderAttempt {

    /** One exchange with the provider, authorized with the given credential. */
    @FunctionalInterface
    public interface Exchange<K, T> {
        T with(K credential) throws IdCardOcrException;
    }

    private ProviderAttempt() {
    }

    /**
     * One recognition: the call's request sent with the current credential, and its answer read. The caller took the
     * first request's slot of the rate limit; a request sent again after a renewal first waits for {@code pacer}: it
     * counts against the quota like any other.
     */
    public static <K> IdCardRecognition recognize(final OkHttpClient http, final String provider, final CredentialSource<K> credentials,
                                                  final ProviderCall<K> call, final Pacer pacer, final ComponentLog log)
            throws IdCardOcrException {
        return renewingOnce(provider, credentials, credential -> call.read(ProviderExchange.send(http, call.request(credential))), pacer, log);
    }

    /**
     * Runs the exchange; when the provider refuses the credential as stale, renews it, waits for {@code beforeResend}
     * and runs the exchange once more.
     */
    public static <K, T> T renewingOnce(final String provider, final CredentialSource<K> credentials, final Exchange<K, T> exchange,
                                        final Pacer beforeResend, final ComponentLog log) throws IdCardOcrException {
        final K used = current(credentials);
        try {
            return redacted(credentials, used, exchange);
        } catch (final StaleCredentialException stale) {
            log.info("{} refused the cached {} ({}): renewing it and trying once more. Frequent renewals mean that another "
                    + "application or NiFi node renews the same credential.", provider, credentials.name(), stale.getCode());
            credentials.renew(used);
            try {
                beforeResend.awaitSlot();
            } catch (final IdCardOcrException notNow) {
                // the refused request did reach the provider: a retryable failure that keeps its request id for the lineage
                throw new IdCardOcrException(notNow.getCode(), notNow.getMessage() + "; the " + credentials.name()
                        + " was renewed and the next attempt uses it", IdCardOcrException.Category.THROTTLED, true, stale.getRequestId(), null);
            }
            try {
                return redacted(credentials, current(credentials), exchange);
            } catch (final StaleCredentialException again) {
                throw again.refusedAgain(provider, credentials.name());
            }
        }
    }

    /**
     * The current credential. Fetching it sends no image, so a failure to fetch it carries no request id, which would
     * make the image look sent (the processor records a provenance SEND for an answered call); the provider's id stays
     * in the message for support cases.
     */
    private static <K> K current(final CredentialSource<K> credentials) throws IdCardOcrException {
        try {
            return credentials.current();
        } catch (final IdCardOcrException e) {
            throw withoutRequestId(e);
        }
    }

    private static IdCardOcrException withoutRequestId(final IdCardOcrException e) {
        return e.getRequestId() == null ? e
                : new IdCardOcrException(e.getCode(), e.getMessage(), e.getCategory(), e.isRetryable(), null, e.getCause(), e.isAnswerLost());
    }

    private static <K, T> T redacted(final CredentialSource<K> credentials, final K credential, final Exchange<K, T> exchange)
            throws IdCardOcrException {
        try {
            return exchange.with(credential);
        } catch (final IdCardOcrException e) {
            throw SecretRedactor.redact(e, credentials.secrets(credential));
        }
    }
}

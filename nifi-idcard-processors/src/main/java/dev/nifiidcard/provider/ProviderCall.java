package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.provider.http.ProviderExchange;
import okhttp3.Request;

/**
 * One recognition's wire format: the request of each attempt and what an answer means. Its attempts run one after the
 * other on the thread that called {@code recognize}.
 *
 * @param <K> the credential a request is signed or authorized with
 */
public interface ProviderCall<K> {

    /** The request of one attempt, signed or authorized with the credential now; its body streams the image anew. */
    Request request(K credential) throws IdCardOcrException;

    /**
     * The card the answer holds, or the refusal it carries: a {@link StaleCredentialException} when the provider
     * refused the credential as stale, so that it is renewed and the call sent once more.
     */
    IdCardRecognition read(ProviderExchange.Answer answer) throws IdCardOcrException;
}

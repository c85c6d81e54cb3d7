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

    /** A call from its two halves, for a provider whose attempts keep no state of their own. */
    static <K> ProviderCall<K> of(final RequestBuilder<K> request, final AnswerReader read) {
        return new ProviderCall<>() {
            @Override
            public Request request(final K credential) throws IdCardOcrException {
                return request.build(credential);
            }

            @Override
            public IdCardRecognition read(final ProviderExchange.Answer answer) throws IdCardOcrException {
                return read.read(answer);
            }
        };
    }

    /** {@link #request}, as a lambda. */
    @FunctionalInterface
    interface RequestBuilder<K> {
        Request build(K credential) throws IdCardOcrException;
    }

    /** {@link #read}, as a lambda. */
    @FunctionalInterface
    interface AnswerReader {
        IdCardRecognition read(ProviderExchange.Answer answer) throws IdCardOcrException;
    }
}

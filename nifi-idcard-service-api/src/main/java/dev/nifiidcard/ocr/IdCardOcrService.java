package dev.nifiidcard.ocr;

import org.apache.nifi.controller.ControllerService;

/**
 * A provider of Chinese resident ID card recognition. The processor stays provider-agnostic: it checks the
 * image against {@link #getImageConstraints()} before any paid call, hands the image over as a re-readable
 * stream and receives a provider-neutral {@link IdCardRecognition}.
 */
public interface IdCardOcrService extends ControllerService {

    /**
     * Recognizes one image. Retryable failures are retried inside the call up to the service's limits;
     * what is left is thrown.
     *
     * @param image   the image, opened as many times as the provider needs (to hash, then to send)
     * @param request what to recognize and which checks to ask for
     * @return the recognized card
     * @throws IdCardOcrException with a stable code and whether a later retry may succeed
     */
    IdCardRecognition recognize(ImageSource image, RecognitionRequest request) throws IdCardOcrException;

    /**
     * One recognition for Verify: a single attempt without retries, waiting at most about a second for the service's
     * rate limit. The provider may bill it like any recognition. By default, {@link #recognize}.
     */
    default IdCardRecognition recognizeOnce(final ImageSource image, final RecognitionRequest request) throws IdCardOcrException {
        return recognize(image, request);
    }

    /** What this provider accepts, so that hopeless images never cost a call. */
    ImageConstraints getImageConstraints();

    /** Short stable provider name written as {@code idcard.provider}, for example {@code tencent-cloud}. */
    String getProviderName();

    /** The endpoint as a provenance transit URI, without credentials. */
    String getTransitUri();
}

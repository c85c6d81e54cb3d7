package dev.nifiidcard.ocr;

import org.apache.nifi.controller.ControllerService;

/**
 * A provider of Chinese resident ID card recognition. The processor stays provider-agnostic: it checks the
 * image against {@link #getImageConstraints()} before any paid call, hands the image over as a re-readable
 * stream and receives a provider-neutral {@link IdCardRecognition}.
 */
public interface IdCardOcrService extends ControllerService {

    /**
     * Recognizes one image with one attempt: it never sleeps to back off or retries on its own, so that the caller
     * decides (a processor routes a retryable failure to its retry relationship, where NiFi's relationship retry or the
     * flow takes over). It waits for the service's rate limit only briefly (at most 50 ms); when no call is free by
     * then, nothing is sent and it throws a failure of category {@link IdCardOcrException.Category#RATE_LIMITED}.
     * A credential the provider calls stale is renewed and the request sent once more within the attempt: that is not
     * a retry of the recognition.
     *
     * @param image   the image, opened as many times as the provider needs (to hash, then to send)
     * @param request what to recognize and which checks to ask for
     * @return the recognized card
     * @throws IdCardOcrException with a stable code, its category, and whether a later attempt may succeed
     */
    IdCardRecognition recognize(ImageSource image, RecognitionRequest request) throws IdCardOcrException;

    /**
     * Whether the service's rate limit has a call free within its short wait now: a hint a processor asks before it
     * takes a FlowFile, so that it yields instead of taking, reading and rolling back one that cannot be sent. Another
     * task may take the call first; {@link #recognize} still decides. By default, true.
     */
    default boolean hasCallFreeSoon() {
        return true;
    }

    /**
     * Whether recognition runs inside this NiFi, such as an offline recognizer: no image leaves the host and no call is
     * billed, so a processor records no SEND and its Verify reports a local recognition. By default, false.
     */
    default boolean isLocal() {
        return false;
    }

    /** What this provider accepts, so that hopeless images never cost a call. */
    ImageConstraints getImageConstraints();

    /** Short stable provider name written as {@code idcard.provider}, for example {@code tencent-cloud}. */
    String getProviderName();

    /** The endpoint as a provenance transit URI, without credentials. */
    String getTransitUri();
}

package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;

import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.ConfigVerificationResult;

import java.util.List;

/**
 * Turns one recognition of the built-in sample image into the Verify dialog's steps: was the endpoint reached,
 * and can these credentials recognize cards. The sample holds no card, so the provider refusing the image proves
 * the credentials and the account good.
 */
public final class RecognitionVerifier {

    public static final String REACH_STEP = "Reach Endpoint";
    public static final String AUTHENTICATE_STEP = "Authenticate";
    public static final String LOCAL_STEP = "Recognize Locally";

    /** Verify's call is a real recognition: say so wherever it reached the provider. */
    static final String BILLED = "; this was one recognition call, which the provider may bill";

    /** The recognition to try. */
    @FunctionalInterface
    public interface Recognition {
        IdCardRecognition run() throws IdCardOcrException;
    }

    private RecognitionVerifier() {
    }

    public static List<ConfigVerificationResult> verify(final String endpoint, final Recognition recognition) {
        try {
            final IdCardRecognition result = recognition.run();
            return List.of(
                    step(REACH_STEP, Outcome.SUCCESSFUL, "Reached " + endpoint + BILLED),
                    step(AUTHENTICATE_STEP, Outcome.SUCCESSFUL, "Credentials accepted; sample recognized as " + result.side()
                            + requestNote(result.requestId())));
        } catch (final IdCardOcrException e) {
            final String answer = e.getCode() + ": " + e.getMessage();
            if (e.getCategory() == IdCardOcrException.Category.RATE_LIMITED) {
                return List.of(
                        step(REACH_STEP, Outcome.SKIPPED, e.getMessage()),
                        step(AUTHENTICATE_STEP, Outcome.SKIPPED, "Nothing was sent"));
            }
            if (e.getCategory() == IdCardOcrException.Category.TRANSPORT || e.getCategory() == IdCardOcrException.Category.LOCAL) {
                return List.of(
                        step(REACH_STEP, Outcome.FAILED, "No answer from " + endpoint + ": " + answer),
                        step(AUTHENTICATE_STEP, Outcome.SKIPPED, "The endpoint did not answer"));
            }
            final ConfigVerificationResult reached = step(REACH_STEP, Outcome.SUCCESSFUL, "Reached " + endpoint + requestNote(e.getRequestId())
                    + BILLED);
            final ConfigVerificationResult authenticated = switch (e.getCategory()) {
                case CREDENTIALS -> step(AUTHENTICATE_STEP, Outcome.FAILED, answer);
                case ACCOUNT -> step(AUTHENTICATE_STEP, Outcome.FAILED, "Credentials accepted, but the account cannot recognize cards: " + answer);
                case THROTTLED -> step(AUTHENTICATE_STEP, Outcome.SKIPPED, "The provider could not answer now, try again: " + answer);
                // a provider error that retrying cannot cure (a wrong endpoint path, an unknown refusal) is a finding
                case PROVIDER_ERROR -> e.isRetryable()
                        ? step(AUTHENTICATE_STEP, Outcome.SKIPPED, "The provider could not answer now, try again: " + answer)
                        : step(AUTHENTICATE_STEP, Outcome.FAILED, "The provider refused the call: " + answer);
                default -> step(AUTHENTICATE_STEP, Outcome.SUCCESSFUL, "Credentials accepted; the sample image holds no card and was answered with " + e.getCode());
            };
            return List.of(reached, authenticated);
        }
    }

    /** A service that recognizes inside NiFi has no endpoint or credentials: one step, did its models run. */
    public static List<ConfigVerificationResult> verifyLocal(final String providerName, final Recognition recognition) {
        final long started = System.nanoTime();
        try {
            final IdCardRecognition result = recognition.run();
            final long millis = (System.nanoTime() - started) / 1_000_000;
            return List.of(step(LOCAL_STEP, Outcome.SUCCESSFUL, providerName + " read the sample image in " + millis + " ms ("
                    + (result.fields().isEmpty() ? "it holds no card" : "as the " + result.side().attributeValue() + " side")
                    + "); nothing left this host"));
        } catch (final IdCardOcrException e) {
            return List.of(step(LOCAL_STEP, Outcome.FAILED, providerName + " could not read the sample image: " + e.getCode() + ": " + e.getMessage()));
        }
    }

    /** The request id for support cases, when the provider gave one. */
    private static String requestNote(final String requestId) {
        return requestId == null ? "" : " (request " + requestId + ")";
    }

    private static ConfigVerificationResult step(final String name, final Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder()
                .verificationStepName(name)
                .outcome(outcome)
                .explanation(explanation)
                .build();
    }
}

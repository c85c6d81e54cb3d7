package dev.nifiidcard.ocr;

import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;

import java.util.List;

/**
 * Turns one recognition of the built-in sample image into the Verify dialog's steps: was the endpoint
 * reached, and were the credentials accepted. The sample holds no card, so an image error from the
 * provider proves the credentials good.
 */
public final class RecognitionVerifier {

    public static final String REACH_STEP = "Reach Endpoint";
    public static final String AUTHENTICATE_STEP = "Authenticate";

    /** Code prefix of failures where no provider answer arrived. */
    public static final String TRANSPORT_PREFIX = "Transport.";

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
                    step(REACH_STEP, Outcome.SUCCESSFUL, "Reached " + endpoint),
                    step(AUTHENTICATE_STEP, Outcome.SUCCESSFUL, "Credentials accepted; sample recognized as " + result.side()
                            + " (request " + result.requestId() + ")"));
        } catch (final IdCardOcrException e) {
            if (e.getCode().startsWith(TRANSPORT_PREFIX) || e.getCode().startsWith("Local.")) {
                return List.of(
                        step(REACH_STEP, Outcome.FAILED, "Could not get an answer from " + endpoint + ": " + e.getCode() + ": " + e.getMessage()),
                        step(AUTHENTICATE_STEP, Outcome.SKIPPED, "The endpoint did not answer"));
            }
            final ConfigVerificationResult reached = step(REACH_STEP, Outcome.SUCCESSFUL,
                    "Reached " + endpoint + " (request " + e.getRequestId() + ")");
            if (e.isCredentialFailure()) {
                return List.of(reached, step(AUTHENTICATE_STEP, Outcome.FAILED, e.getCode() + ": " + e.getMessage()));
            }
            return List.of(reached, step(AUTHENTICATE_STEP, Outcome.SUCCESSFUL,
                    "Credentials accepted; the sample image holds no card and was answered with " + e.getCode()));
        }
    }

    private static ConfigVerificationResult step(final String name, final Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder()
                .verificationStepName(name)
                .outcome(outcome)
                .explanation(explanation)
                .build();
    }
}

package dev.nifiidcard.offline;

import dev.nifiidcard.idnumber.ChinaCalendar;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;

import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The service's Verify: load the models as configured (natives, SHA-256, ONNX Runtime sessions), then read the
 * built-in sample card and compare every field with what is printed on it.
 */
final class OfflineVerification {

    static final String LOAD_STEP = "Load Models";
    static final String SAMPLE_STEP = "Recognize Sample Card";

    @FunctionalInterface
    interface Loader {
        OfflineRecognizer load() throws IOException;
    }

    private OfflineVerification() {
    }

    static List<ConfigVerificationResult> verify(final Loader loader) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final long started = System.nanoTime();
        try (OfflineRecognizer recognizer = loader.load()) {
            results.add(step(LOAD_STEP, Outcome.SUCCESSFUL, "Loaded and checked the PP-OCRv4 models in " + millisSince(started)
                    + " ms with ONNX Runtime for " + NativeLibraries.platform() + ", natives " + NativeLibraries.location()
                    + " (natives load once per NiFi: a changed Native Library Directory takes effect when NiFi restarts)"));
            final long reading = System.nanoTime();
            final IdCardRecognition card = recognizer.recognize(SampleCard.image(), ChinaCalendar.today(Clock.systemUTC()));
            final List<String> wrong = SampleCard.wrongFields(card.fields());
            results.add(wrong.isEmpty() && card.warnings().isEmpty()
                    ? step(SAMPLE_STEP, Outcome.SUCCESSFUL, "Read all " + SampleCard.FIELD_COUNT + " fields of the built-in sample card "
                    + "right in " + millisSince(reading) + " ms")
                    : step(SAMPLE_STEP, Outcome.FAILED, "Misread the built-in sample card: fields " + wrong + ", warnings "
                    + card.warnings().stream().map(w -> w.providerCode()).toList()));
        } catch (final IOException | RuntimeException e) {
            results.add(step(LOAD_STEP, Outcome.FAILED, "Could not load the models: " + e.getMessage()));
        } catch (final IdCardOcrException e) {
            results.add(step(SAMPLE_STEP, Outcome.FAILED, e.getCode() + ": " + e.getMessage()));
        }
        return results;
    }

    private static long millisSince(final long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static ConfigVerificationResult step(final String name, final Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(name).outcome(outcome).explanation(explanation).build();
    }
}

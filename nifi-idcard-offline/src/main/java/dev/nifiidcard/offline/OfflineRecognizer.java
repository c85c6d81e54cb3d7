package dev.nifiidcard.offline;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.RecognitionDetail;
import dev.nifiidcard.offline.card.CardLine;
import dev.nifiidcard.offline.card.CardReader;
import dev.nifiidcard.offline.card.CardReading;
import dev.nifiidcard.offline.card.ReadText;
import dev.nifiidcard.offline.ocr.BgrImage;
import dev.nifiidcard.offline.ocr.Glyph;
import dev.nifiidcard.offline.ocr.OcrEngine;
import dev.nifiidcard.offline.ocr.OcrModels;
import dev.nifiidcard.offline.ocr.OcrPage;
import dev.nifiidcard.offline.ocr.TextLine;

import ai.onnxruntime.OrtException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The offline recognizer without NiFi: the models loaded once, the OCR engine, and the card reader. Thread-safe: one
 * instance serves every concurrent recognition.
 */
public final class OfflineRecognizer implements AutoCloseable {

    /** Calibrated on the synthetic benchmark set (docs/performance.md): lower lets misread names pass. */
    public static final float DEFAULT_MINIMUM_CONFIDENCE = 0.9f;
    /** A runner-up this likely means the model hesitated between two characters. */
    static final float MAX_RUNNER_UP = 0.2f;

    private final OcrModels models;
    private final OcrEngine engine;
    private final CardReader reader;

    private OfflineRecognizer(final OcrModels models, final float minimumConfidence) {
        this.models = models;
        this.engine = new OcrEngine(models);
        this.reader = new CardReader(minimumConfidence, MAX_RUNNER_UP);
    }

    /**
     * Loads the models (their SHA-256 checked) with ONNX Runtime using {@code inferenceThreads} threads per recognition.
     */
    public static OfflineRecognizer load(final int inferenceThreads, final float minimumConfidence) throws IOException {
        try {
            return new OfflineRecognizer(OcrModels.load(inferenceThreads), minimumConfidence);
        } catch (final OrtException e) {
            throw new IOException("ONNX Runtime could not load the models: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the card in the image; fields all null when it shows none. A reading with doubts gets a second look with
     * the detector at another scale, and the reading with fewer doubts is kept: a small character missed at one scale
     * is often found at the other, and every doubt of the kept reading still routes the card to warning.
     */
    public IdCardRecognition recognize(final BufferedImage image, final LocalDate today) throws IdCardOcrException {
        try {
            // converted once: a second look reads the same pixels
            final BgrImage source = BgrImage.of(image);
            final OcrPage page = engine.read(source);
            CardReading card = read(page, today);
            int rotation = page.rotation();
            if (!card.warnings().isEmpty() && !card.fields().isEmpty()) {
                final OcrPage second = engine.readAgain(source);
                final CardReading again = read(second, today);
                if (!again.fields().isEmpty() && again.warnings().size() < card.warnings().size()) {
                    card = again;
                    rotation = second.rotation();
                }
            }
            final Map<RecognitionDetail, String> details = rotation == 0 ? Map.of() : Map.of(RecognitionDetail.ROTATION, "cw" + rotation);
            return new IdCardRecognition(card.side(), card.fields(), card.warnings(), null, null, null, null, details);
        } catch (final OrtException | RuntimeException e) {
            throw new IdCardOcrException("Offline.InferenceFailed", "ONNX Runtime failed: " + e.getMessage(),
                    IdCardOcrException.Category.LOCAL, false, null, e);
        }
    }

    private CardReading read(final OcrPage page, final LocalDate today) {
        return reader.read(page.lines().stream().map(OfflineRecognizer::cardLine).toList(), today);
    }

    private static CardLine cardLine(final TextLine line) {
        final List<Glyph> glyphs = line.glyphs();
        final StringBuilder text = new StringBuilder();
        final StringBuilder runnerUps = new StringBuilder();
        final float[] confidence = new float[glyphs.size()];
        final float[] runnerUpConfidence = new float[glyphs.size()];
        final float[] positions = new float[glyphs.size()];
        for (int i = 0; i < glyphs.size(); i++) {
            final Glyph glyph = glyphs.get(i);
            // every dictionary entry is one character of the Basic Multilingual Plane
            text.append(glyph.character().charAt(0));
            runnerUps.append(glyph.runnerUp().isEmpty() ? '\0' : glyph.runnerUp().charAt(0));
            confidence[i] = glyph.confidence();
            runnerUpConfidence[i] = glyph.runnerUpConfidence();
            positions[i] = glyph.position();
        }
        return new CardLine(ReadText.ofLine(text.toString(), confidence, runnerUps.toString(), runnerUpConfidence, positions,
                line.width() / line.height() * TextLine.FRAMES_PER_HEIGHT),
                line.centerX(), line.centerY(), line.width(), line.height());
    }

    @Override
    public void close() {
        try {
            models.close();
        } catch (final OrtException e) {
            // the sessions' native memory is released or lost either way; nothing a caller could do
        }
    }
}

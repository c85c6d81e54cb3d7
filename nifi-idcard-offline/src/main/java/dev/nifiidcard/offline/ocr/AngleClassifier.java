package dev.nifiidcard.offline.ocr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/** PaddleOCR's predict_cls: 3×48×192 input, right-padded, classes 0° and 180°. */
final class AngleClassifier {

    private static final int HEIGHT = 48;
    private static final int WIDTH = 192;
    private static final int BATCH = 6;
    static final float[] HALF = {0.5f, 0.5f, 0.5f};

    private final OcrModels models;

    AngleClassifier(final OcrModels models) {
        this.models = models;
    }

    /** For each crop, the probability that it is upside down. */
    float[] upsideDown(final BgrImage image, final List<LineCrop> crops) throws OrtException {
        final float[] probabilities = new float[crops.size()];
        for (int first = 0; first < crops.size(); first += BATCH) {
            final int count = Math.min(BATCH, crops.size() - first);
            final float[] input = new float[count * 3 * HEIGHT * WIDTH];
            for (int i = 0; i < count; i++) {
                final LineCrop crop = crops.get(first + i);
                final int width = Math.min(WIDTH, (int) Math.ceil(HEIGHT * crop.aspect()));
                crop.sample(image, width, HEIGHT, input, i * 3 * HEIGHT * WIDTH, WIDTH, HALF, HALF);
            }
            final float[] output = new float[count * 2];
            try (OnnxTensor tensor = OnnxTensor.createTensor(models.environment(), FloatBuffer.wrap(input),
                    new long[] {count, 3, HEIGHT, WIDTH});
                    OrtSession.Result result = models.classification().run(Map.of("x", tensor))) {
                ((OnnxTensor) result.get(0)).getFloatBuffer().get(output);
            }
            for (int i = 0; i < count; i++) {
                probabilities[first + i] = output[2 * i + 1];
            }
        }
        return probabilities;
    }
}

package dev.nifiidcard.offline.ocr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * PaddleOCR's predict_rec: crops sorted by aspect, batches of six resized to height 48 and padded right to the
 * batch's widest (at least 320), CTC-decoded.
 */
final class TextRecognizer {

    private static final int HEIGHT = 48;
    private static final int MIN_WIDTH = 320;
    private static final int BATCH = 6;

    private final OcrModels models;
    private final String[] characters;

    TextRecognizer(final OcrModels models) {
        this.models = models;
        this.characters = models.characters();
    }

    /** The glyphs of each crop, in the crops' order. */
    List<List<Glyph>> recognize(final BgrImage image, final List<LineCrop> crops) throws OrtException {
        final List<List<Glyph>> lines = new ArrayList<>(crops.size());
        final List<Integer> order = new ArrayList<>();
        for (int i = 0; i < crops.size(); i++) {
            lines.add(List.of());
            order.add(i);
        }
        // similar widths together, so little of each batch is padding
        order.sort(Comparator.comparingDouble(i -> crops.get(i).aspect()));
        for (int first = 0; first < order.size(); first += BATCH) {
            final List<Integer> batch = order.subList(first, Math.min(first + BATCH, order.size()));
            double widest = (double) MIN_WIDTH / HEIGHT;
            for (final int index : batch) {
                widest = Math.max(widest, crops.get(index).aspect());
            }
            final int batchWidth = (int) (HEIGHT * widest);
            final int plane = 3 * HEIGHT * batchWidth;
            final float[] input = new float[batch.size() * plane];
            for (int i = 0; i < batch.size(); i++) {
                final LineCrop crop = crops.get(batch.get(i));
                final int width = (int) Math.min(batchWidth, Math.ceil(HEIGHT * crop.aspect()));
                crop.sample(image, width, HEIGHT, input, i * plane, batchWidth, AngleClassifier.HALF, AngleClassifier.HALF);
            }
            try (OnnxTensor tensor = OnnxTensor.createTensor(models.environment(), FloatBuffer.wrap(input),
                    new long[] {batch.size(), 3, HEIGHT, batchWidth});
                    OrtSession.Result result = models.recognition().run(Map.of("x", tensor))) {
                final OnnxTensor output = (OnnxTensor) result.get(0);
                final long[] shape = output.getInfo().getShape();
                final int frames = (int) shape[1];
                if (shape[2] != characters.length) {
                    throw new IllegalStateException("The recognition model has " + shape[2] + " classes but the dictionary "
                            + characters.length);
                }
                final float[] probabilities = new float[(int) (shape[0] * shape[1] * shape[2])];
                output.getFloatBuffer().get(probabilities);
                for (int i = 0; i < batch.size(); i++) {
                    lines.set(batch.get(i), CtcDecoder.decode(probabilities, i * frames * characters.length, frames, characters));
                }
            }
        }
        return lines;
    }
}

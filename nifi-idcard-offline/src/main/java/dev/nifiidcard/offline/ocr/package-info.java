/**
 * Offline OCR: PaddleOCR's inference pipeline (PP-OCRv4 detection and recognition, the mobile v2.0 angle
 * classifier) in plain Java on ONNX Runtime, without OpenCV.
 *
 * <p>Use: {@link dev.nifiidcard.offline.ocr.OcrModels#load(int)} once per node (sessions are shared and
 * thread-safe), {@link dev.nifiidcard.offline.ocr.OcrEngine#read(java.awt.image.BufferedImage)} per frame. The
 * {@link dev.nifiidcard.offline.ocr.OcrPage} holds the rotation that made the image upright and its
 * {@link dev.nifiidcard.offline.ocr.TextLine}s in reading order, their geometry in the upright, deskewed frame, each
 * character a {@link dev.nifiidcard.offline.ocr.Glyph} with its confidence and runner-up.
 *
 * <p>As PaddleOCR's tools/infer: detection input at most 960 px on its longer side (sides multiples of 32), ImageNet
 * mean and deviation applied to B, G, R in that order, DB binarized at 0.3, no dilation, minimum-area rectangles
 * ("fast" box score); classification 3×48×192, half a turn when 180° beats 0.9; recognition at height 48, batches of
 * six by aspect, padded right to at least 320, greedy CTC. As rapidocr: box score at least 0.5 and unclip ratio 1.6
 * (PaddleOCR has 0.6 and 1.5). Unlike either: crops are sampled once, bilinearly, straight from the original image
 * (no intermediate crop image), lines with a low score are kept (the caller sees every confidence), and the page
 * is turned upright as a whole: a second detection on the image turned a quarter when most long boxes run up or
 * down, then one 0°/180° decision by the classifier's votes over all lines.
 */
package dev.nifiidcard.offline.ocr;

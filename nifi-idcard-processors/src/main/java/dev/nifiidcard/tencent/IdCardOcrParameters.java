package dev.nifiidcard.tencent;

import dev.nifiidcard.ocr.CardSide;

/**
 * The IDCardOCR request fields other than the image.
 *
 * @param cardSide           FRONT or BACK, or {@code null} to let the service detect the side
 * @param config             the {@code Config} JSON string of booleans, or {@code null} when nothing is asked for
 * @param recognitionRectify {@code EnableRecognitionRectify}
 * @param dateVerify         {@code EnableDateVerify}
 * @param cardWarnType       {@code CardWarnType}: Basic or Advanced
 */
record IdCardOcrParameters(CardSide cardSide, String config, boolean recognitionRectify, boolean dateVerify,
                           String cardWarnType) {
}

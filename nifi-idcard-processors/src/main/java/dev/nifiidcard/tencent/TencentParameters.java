package dev.nifiidcard.tencent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.RecognitionRequest;

/**
 * The IDCardOCR request fields other than the image.
 *
 * @param cardSide           FRONT or BACK, or {@code null} to let the service detect the side
 * @param config             the {@code Config} JSON string of booleans, or {@code null} when nothing is asked for
 * @param recognitionRectify {@code EnableRecognitionRectify}
 * @param dateVerify         {@code EnableDateVerify}
 * @param cardWarnType       {@code CardWarnType}: Basic or Advanced
 */
record TencentParameters(CardSide cardSide, String config, boolean recognitionRectify, boolean dateVerify,
                         String cardWarnType) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The fields for a request, from what the flow asks for and how the service is configured. */
    static TencentParameters of(final RecognitionRequest request, final TencentRequest.Settings settings) {
        return new TencentParameters(request.cardSide(), config(request), settings.recognitionRectify(),
                settings.dateVerify(), settings.cardWarnType());
    }

    /** The Config JSON string: only the flags asked for, in a fixed order. */
    static String config(final RecognitionRequest request) {
        final ObjectNode config = MAPPER.createObjectNode();
        if (request.cropCard()) {
            config.put("CropIdCard", true);
        }
        if (request.cropPortrait()) {
            config.put("CropPortrait", true);
        }
        for (final CardWarning warning : CardWarning.values()) {
            final String flag = TencentCodes.WARNING_CONFIG_FLAGS.get(warning);
            if (flag != null && request.warnings().contains(warning)) {
                config.put(flag, true);
            }
        }
        if (request.quality()) {
            config.put("Quality", true);
        }
        return config.isEmpty() ? null : config.toString();
    }
}

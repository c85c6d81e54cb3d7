package dev.nifiidcard.tencent;

import dev.nifiidcard.ocr.CardWarning;

import java.util.Map;

/**
 * Tencent's card warning codes, the -91xx family shared by Tencent Cloud OCR's IDCardOCR and Tencent Huiyan's
 * {@code idcardocrapp}, onto the neutral {@link CardWarning}s. A code not listed is {@link CardWarning#UNKNOWN}.
 */
public final class TencentWarningCodes {

    private static final Map<Integer, CardWarning> WARNINGS = Map.ofEntries(
            Map.entry(-9100, CardWarning.INVALID_DATE),
            Map.entry(-9101, CardWarning.BORDER_INCOMPLETE),
            Map.entry(-9102, CardWarning.PHOTOCOPY),
            Map.entry(-9103, CardWarning.SCREEN_RESHOOT),
            Map.entry(-9104, CardWarning.TEMPORARY_ID),
            Map.entry(-9105, CardWarning.OCCLUSION),
            Map.entry(-9106, CardWarning.PS_EDITED),
            Map.entry(-9107, CardWarning.REFLECTION),
            Map.entry(-9108, CardWarning.BLACK_WHITE_COPY),
            Map.entry(-9109, CardWarning.INVALID_DATE),
            Map.entry(-9110, CardWarning.ELECTRONIC_ID),
            Map.entry(-9111, CardWarning.WATERMARK)
    );

    private TencentWarningCodes() {
    }

    public static CardWarning warning(final int code) {
        return WARNINGS.getOrDefault(code, CardWarning.UNKNOWN);
    }

    /** The warning of a code as text, such as {@code -9102}; text that is not a number is {@link CardWarning#UNKNOWN}. */
    public static CardWarning warning(final String code) {
        try {
            return warning(Integer.parseInt(code.trim()));
        } catch (final NumberFormatException e) {
            return CardWarning.UNKNOWN;
        }
    }
}

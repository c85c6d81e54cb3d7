package dev.nifiidcard.ocr;

import java.util.List;
import java.util.Map;

/**
 * A recognized card.
 *
 * @param side             the side recognized
 * @param fields           normalized fields
 * @param warnings         warnings the provider reported
 * @param quality          image quality 0-100 when asked for and reported, else {@code null}
 * @param croppedCard      the card cropped as JPEG when asked for and returned, else {@code null}
 * @param croppedPortrait  the portrait cropped as JPEG when asked for and returned, else {@code null}
 * @param requestId        the provider's request id, quoted when asking the provider for support
 * @param details          what the provider reported beyond the printed fields, possibly nothing
 */
public record IdCardRecognition(CardSide side, IdCardFields fields, List<ReportedWarning> warnings, Integer quality,
                                byte[] croppedCard, byte[] croppedPortrait, String requestId,
                                Map<RecognitionDetail, String> details) {

    public IdCardRecognition {
        warnings = List.copyOf(warnings);
        details = Map.copyOf(details);
    }

    /** A recognition without details. */
    public IdCardRecognition(final CardSide side, final IdCardFields fields, final List<ReportedWarning> warnings, final Integer quality,
                             final byte[] croppedCard, final byte[] croppedPortrait, final String requestId) {
        this(side, fields, warnings, quality, croppedCard, croppedPortrait, requestId, Map.of());
    }

    @Override
    public String toString() {
        // fields and crops hold personal data: never let them reach a log through toString()
        return "IdCardRecognition[side=" + side + ", warnings=" + warnings + ", quality=" + quality
                + ", requestId=" + requestId + ", details=" + details.keySet().stream().map(RecognitionDetail::name).toList() + "]";
    }
}

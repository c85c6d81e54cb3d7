package dev.nifiidcard.ocr;

import java.util.List;

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
 * @param rawResponse      the provider's response body, for auditing; it contains personal data
 */
public record IdCardRecognition(CardSide side, IdCardFields fields, List<ReportedWarning> warnings, Integer quality,
                                byte[] croppedCard, byte[] croppedPortrait, String requestId, String rawResponse) {

    public IdCardRecognition {
        warnings = List.copyOf(warnings);
    }

    @Override
    public String toString() {
        // fields and rawResponse hold personal data: never let them reach a log through toString()
        return "IdCardRecognition[side=" + side + ", warnings=" + warnings + ", quality=" + quality
                + ", requestId=" + requestId + "]";
    }
}

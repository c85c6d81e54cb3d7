package dev.nifiidcard.offline.card;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.ocr.ReportedWarning;

import java.util.List;

/**
 * A card as read from its lines: the side, the normalized fields, and the doubts about them as warnings.
 *
 * @param side     the side the lines show
 * @param fields   normalized as the cloud providers' fields are
 * @param warnings one {@code FIELD_UNCERTAIN} warning per doubt, none when every field read with confidence
 */
public record CardReading(CardSide side, IdCardFields fields, List<ReportedWarning> warnings) {

    public CardReading {
        warnings = List.copyOf(warnings);
    }
}

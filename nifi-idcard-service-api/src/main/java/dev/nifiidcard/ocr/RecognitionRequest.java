package dev.nifiidcard.ocr;

import java.util.Objects;
import java.util.Set;

/**
 * What to ask of the provider for one image.
 *
 * @param cardSide     the expected side, or {@code null} to let the provider detect it
 * @param warnings     card checks to ask for
 * @param quality      whether to ask for an image quality score
 * @param cropCard     whether to ask for the card cropped and deskewed
 * @param cropPortrait whether to ask for the portrait cropped
 */
public record RecognitionRequest(CardSide cardSide, Set<CardWarning> warnings, boolean quality,
                                 boolean cropCard, boolean cropPortrait) {

    public RecognitionRequest {
        warnings = Set.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }
}

package dev.nifiidcard.cardgen;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardFields;

import java.util.Set;

/**
 * A synthetic photo of one side of a resident ID card and what a perfect recognizer reports for it.
 *
 * @param seed   the seed it was generated from ({@link SyntheticCards#generate(long)} gives it again)
 * @param jpeg   the photo, 1920×1080
 * @param side   the side facing the camera
 * @param truth  the fields normalized as the recognizers report them; those the side does not carry are {@code null}
 * @param traits what makes the photo or the person harder to read, for reports per trait (see {@link CardTraits})
 */
public record SyntheticCard(long seed, byte[] jpeg, CardSide side, IdCardFields truth, Set<String> traits) {
}

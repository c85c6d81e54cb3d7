package dev.nifiidcard.processors;

import dev.nifiidcard.idnumber.ResidentIdNumber;
import dev.nifiidcard.ocr.CardSide;

/**
 * What {@link RecognitionOutcome} reads from the processor's properties and service.
 *
 * @param requestedSide    the side Card Side asks for, {@code null} for Auto
 * @param minimumQuality   the quality below which a card routes to warning; 0 never does
 * @param validateIdNumber whether a front's ID number is checked against GB 11643 and the printed birth date and sex
 * @param idNumber         how much of the ID number idcard.number carries
 * @param providerName     the provider that answered, written as idcard.provider
 */
record OutcomeSettings(CardSide requestedSide, int minimumQuality, boolean validateIdNumber, IdNumberInAttributes idNumber,
                       String providerName) {

    /** The values of ID Number In Attributes, by name: Full, Masked, Omitted. */
    enum IdNumberInAttributes {
        FULL,
        MASKED,
        OMITTED;

        /** The idcard.number value for the recognized number, {@code null} for none. */
        String attributeValue(final String number) {
            return switch (this) {
                case FULL -> number;
                case MASKED -> ResidentIdNumber.mask(number);
                case OMITTED -> null;
            };
        }
    }
}

package dev.nifiidcard.processors;

import dev.nifiidcard.idnumber.ResidentIdNumber;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.RecognitionDetail;
import dev.nifiidcard.ocr.ReportedWarning;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a recognition goes and which attributes it writes: the recognition policy, the same for every provider,
 * decided without a session and without the wall clock so that every rule can be tested on its own.
 *
 * @param route        success, warning, or failure with idcard.error.* attributes
 * @param attributes   the idcard.* attributes to write
 * @param personalData the names among the attributes that hold personal data: the printed card fields and the
 *                     provider details marked {@link RecognitionDetail#personalData()}
 */
record RecognitionOutcome(Route route, Map<String, String> attributes, Set<String> personalData) {

    enum Route {
        SUCCESS,
        WARNING,
        FAILURE
    }

    RecognitionOutcome {
        attributes = Map.copyOf(attributes);
        personalData = Set.copyOf(personalData);
    }

    static RecognitionOutcome of(final IdCardRecognition recognition, final OutcomeSettings settings, final LocalDate today) {
        if (recognition.fields().isEmpty()) {
            return failure("Result.NothingRecognized", "The provider answered but recognized no field", false,
                    settings.providerName(), recognition.requestId());
        }
        final CardSide requested = settings.requestedSide();
        final CardSide found = recognizedSide(recognition, requested);
        if (requested != null && found != requested) {
            // the same outcome whichever provider answered: some detect the side, some take the one asked for
            return failure("Result.CardSideMismatch", "Card Side asks for the " + requested.attributeValue()
                            + " side, but the provider recognized the " + found.attributeValue() + " side", false,
                    settings.providerName(), recognition.requestId());
        }
        return recognized(recognition, settings, today);
    }

    static RecognitionOutcome failure(final String code, final String message, final boolean retryable,
                                      final String providerName, final String requestId) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(IdCardAttributes.ERROR_CODE, code);
        attributes.put(IdCardAttributes.ERROR_MESSAGE, message == null ? "" : message);
        attributes.put(IdCardAttributes.ERROR_RETRYABLE, Boolean.toString(retryable));
        attributes.put(IdCardAttributes.PROVIDER, providerName);
        putIfPresent(attributes, IdCardAttributes.REQUEST_ID, requestId);
        return new RecognitionOutcome(Route.FAILURE, attributes, Set.of());
    }

    /** What stays in attributes when the result goes to the content: nothing printed on the card, nothing personal. */
    Map<String, String> attributesWithoutPersonalData() {
        final Map<String, String> withoutPersonalData = new HashMap<>(attributes);
        withoutPersonalData.keySet().removeAll(personalData);
        return withoutPersonalData;
    }

    /**
     * The side the answer shows: the side the provider reports, or, when it only echoes the side asked for, the side
     * its fields belong to (the front carries name, number and address; the back only authority and validity).
     */
    private static CardSide recognizedSide(final IdCardRecognition recognition, final CardSide requested) {
        return recognition.side() != requested ? recognition.side() : recognition.fields().inferSide();
    }

    private static RecognitionOutcome recognized(final IdCardRecognition recognition, final OutcomeSettings settings,
                                                 final LocalDate today) {
        final IdCardFields fields = recognition.fields();
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(IdCardAttributes.SIDE, recognition.side().attributeValue());
        putIfPresent(attributes, IdCardAttributes.NAME, fields.name());
        putIfPresent(attributes, IdCardAttributes.SEX, fields.sex());
        putIfPresent(attributes, IdCardAttributes.NATION, fields.nation());
        putIfPresent(attributes, IdCardAttributes.BIRTH, fields.birth());
        putIfPresent(attributes, IdCardAttributes.NUMBER, settings.idNumber().attributeValue(fields.number()));
        putIfPresent(attributes, IdCardAttributes.ADDRESS, fields.address());
        putIfPresent(attributes, IdCardAttributes.AUTHORITY, fields.authority());
        putIfPresent(attributes, IdCardAttributes.VALID_FROM, fields.validFrom());
        putIfPresent(attributes, IdCardAttributes.VALID_UNTIL, fields.validUntil());
        putIfPresent(attributes, IdCardAttributes.QUALITY, recognition.quality() == null ? null : recognition.quality().toString());
        putIfPresent(attributes, IdCardAttributes.REQUEST_ID, recognition.requestId());
        attributes.put(IdCardAttributes.PROVIDER, settings.providerName());
        recognition.details().forEach((detail, value) -> putIfPresent(attributes, IdCardAttributes.of(detail), value));

        final List<String> warnings = new ArrayList<>();
        recognition.warnings().forEach(warning -> warnings.add(warning.warning().name()));
        attributes.put(IdCardAttributes.WARNING_CODES, recognition.warnings().stream().map(ReportedWarning::providerCode)
                .collect(Collectors.joining(",")));
        if (recognition.quality() != null && recognition.quality() < settings.minimumQuality()) {
            warnings.add(IdCardAttributes.LOW_QUALITY);
        }
        if (settings.validateIdNumber() && recognition.side() == CardSide.FRONT) {
            // always the full number: the setting only limits what the attribute shows
            final ResidentIdNumber.Problem problem = ResidentIdNumber.check(fields.number(), fields.birth(), fields.sex());
            attributes.put(IdCardAttributes.NUMBER_VALID, Boolean.toString(problem == null));
            if (problem != null) {
                attributes.put(IdCardAttributes.NUMBER_PROBLEM, problem.name());
                warnings.add(IdCardAttributes.INVALID_ID_NUMBER);
            }
        }
        if (isExpired(fields.validUntil(), today)) {
            warnings.add(IdCardAttributes.EXPIRED);
        }
        attributes.put(IdCardAttributes.WARNINGS, String.join(",", warnings));

        final Set<String> personalData = new HashSet<>(IdCardAttributes.CARD_FIELDS);
        recognition.details().keySet().stream().filter(RecognitionDetail::personalData).map(IdCardAttributes::of)
                .forEach(personalData::add);
        return new RecognitionOutcome(warnings.isEmpty() ? Route.SUCCESS : Route.WARNING, attributes, personalData);
    }

    /** A card is valid through the last day printed on it; long-term and unreadable dates never expire. */
    private static boolean isExpired(final String validUntil, final LocalDate today) {
        if (validUntil == null || IdCardFields.LONG_TERM.equals(validUntil)) {
            return false;
        }
        try {
            return LocalDate.parse(validUntil).isBefore(today);
        } catch (final DateTimeParseException e) {
            return false;
        }
    }

    private static void putIfPresent(final Map<String, String> attributes, final String name, final String value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }
}

package dev.nifiidcard.jumdata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiidcard.idnumber.ResidentIdNumber;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.RecognitionDetail;
import dev.nifiidcard.ocr.ReportedWarning;
import dev.nifiidcard.provider.PrintedDates;
import dev.nifiidcard.provider.SecretRedactor;
import dev.nifiidcard.provider.http.ProviderExchange;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.nifiidcard.provider.http.JsonFields.text;

/** Reads an {@code ocr/idcard-v1} answer: the normalized card, or the refusal it carries as a typed exception. */
final class JumdataAnswer {

    private static final String PROVIDER = "Jumdata";
    /** Birth date from the separate {@code year}, {@code month} and {@code day} fields, joined with dashes. */
    private static final DateTimeFormatter BIRTH = PrintedDates.pattern("uuuu-M-d");
    /** A SHA-256 in hex, as a sign: masked should a refusal quote the one sent. */
    private static final Pattern HEX_DIGEST = Pattern.compile("\\b[0-9a-fA-F]{64}\\b");

    private JumdataAnswer() {
    }

    static IdCardRecognition parse(final int httpStatus, final String body, final CardSide requestedSide) throws IdCardOcrException {
        final JsonNode root = answerNode(httpStatus, body);
        final int code = code(root.get("code"));
        final String requestId = text(root, "taskNo");
        if (code != JumdataCodes.SUCCESS) {
            final String message = text(root, "msg");
            throw new IdCardOcrException(Integer.toString(code), clean(message == null ? "" : message),
                    JumdataCodes.category(code, message), JumdataCodes.isRetryable(code), requestId, null);
        }
        if (httpStatus != 200) {
            throw httpError(httpStatus);
        }
        final JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw malformed("The answer has code 200 but no data object");
        }

        final CardSide reportedSide = side(text(data, "side"));
        final Map<RecognitionDetail, String> details = text(data, "rotate") == null
                ? Map.of() : Map.of(RecognitionDetail.ROTATION, text(data, "rotate"));
        final JsonNode validity = data.path("validity");
        if (data.path("result").asInt(0) != 0 || nothingValid(validity)) {
            // result 1, or a photo that holds no card (every field marked false): billed, but nothing recognized
            final IdCardFields none = new IdCardFields(null, null, null, null, null, null, null, null, null);
            return new IdCardRecognition(side(reportedSide, requestedSide, none), none, List.of(), null, null, null,
                    requestId, details);
        }

        final JsonNode info = data.path("info");
        final String[] validPeriod = PrintedDates.validity(text(info, "timelimit"), PrintedDates.COMPACT);
        final IdCardFields fields = new IdCardFields(
                text(info, "name"),
                text(info, "sex"),
                text(info, "nation"),
                birth(info),
                text(info, "number"),
                text(info, "address"),
                text(info, "authority"),
                validPeriod[0],
                validPeriod[1]);
        final CardSide side = side(reportedSide, requestedSide, fields);

        final List<ReportedWarning> warnings = new ArrayList<>();
        validity.properties().forEach(field -> {
            if (field.getValue().isBoolean() && !field.getValue().booleanValue()) {
                warnings.add(new ReportedWarning(CardWarning.FIELD_UNCERTAIN, "validity." + field.getKey() + "=false"));
            }
        });
        return new IdCardRecognition(side, fields, warnings, null, null, null, requestId, details);
    }

    private static JsonNode answerNode(final int httpStatus, final String body) throws IdCardOcrException {
        final JsonNode root = ProviderExchange.jsonObject(httpStatus, body, PROVIDER, true);
        if (code(root.get("code")) < 0) {
            throw ProviderExchange.notAnApiAnswer(httpStatus, "The answer has no numeric code", PROVIDER, true);
        }
        return root;
    }

    /** The business code, a JSON number (or, tolerated, a string of digits); -1 when there is none. */
    private static int code(final JsonNode code) {
        if (code == null) {
            return -1;
        }
        if (code.isIntegralNumber() && code.canConvertToInt()) {
            return code.intValue();
        }
        return code.isTextual() && code.asText().trim().matches("\\d{1,9}") ? Integer.parseInt(code.asText().trim()) : -1;
    }

    /** Only every field marked false means a photo without a card; a single false field is a warning. */
    private static boolean nothingValid(final JsonNode validity) {
        if (!validity.isObject() || validity.isEmpty()) {
            return false;
        }
        for (final Map.Entry<String, JsonNode> field : validity.properties()) {
            if (!field.getValue().isBoolean() || field.getValue().booleanValue()) {
                return false;
            }
        }
        return true;
    }

    /** The side Jumdata reports; without one, the side asked for or, under Auto, the side the fields show. */
    private static CardSide side(final CardSide reported, final CardSide requested, final IdCardFields fields) {
        if (reported != null) {
            return reported;
        }
        return requested != null ? requested : fields.inferSide();
    }

    private static CardSide side(final String side) {
        if ("front".equalsIgnoreCase(side)) {
            return CardSide.FRONT;
        }
        return "back".equalsIgnoreCase(side) ? CardSide.BACK : null;
    }

    private static String birth(final JsonNode info) {
        final String year = text(info, "year");
        final String month = text(info, "month");
        final String day = text(info, "day");
        if (year == null && month == null && day == null) {
            return null;
        }
        // what does not make a date (a part missing) is kept as printed
        return PrintedDates.iso(String.join("-", nonNull(year), nonNull(month), nonNull(day)), BIRTH);
    }

    private static String nonNull(final String text) {
        return text == null ? "" : text;
    }

    /** A provider message as safe to log: ID numbers masked, and a sign should it quote one. */
    private static String clean(final String message) {
        return HEX_DIGEST.matcher(ResidentIdNumber.maskAll(message)).replaceAll(Matcher.quoteReplacement(SecretRedactor.REDACTED));
    }

    private static IdCardOcrException malformed(final String message) {
        return ProviderExchange.malformed(message);
    }

    private static IdCardOcrException httpError(final int status) {
        return ProviderExchange.httpError(status, PROVIDER);
    }
}

package dev.nifiidcard.tencent;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiidcard.idnumber.ResidentIdNumber;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ReportedWarning;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads an IDCardOCR answer: the normalized card, or the error it carries as a typed exception. */
final class IdCardOcrResponseParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("uuuu/M/d").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter VALIDITY = DateTimeFormatter.ofPattern("uuuu.M.d").withResolverStyle(ResolverStyle.STRICT);
    private static final String LONG_TERM = "长期";

    private IdCardOcrResponseParser() {
    }

    static IdCardRecognition parse(final int httpStatus, final String body, final CardSide requestedSide) throws IdCardOcrException {
        final JsonNode response = responseNode(httpStatus, body);
        final String requestId = text(response, "RequestId");
        final JsonNode error = response.get("Error");
        if (error != null) {
            final String code = error.path("Code").asText("UnknownError");
            final IdCardOcrException.Category category = TencentCodes.category(code);
            throw new IdCardOcrException(code, ResidentIdNumber.maskAll(error.path("Message").asText("")),
                    category, TencentCodes.isRetryable(category), requestId, null);
        }
        if (httpStatus != 200) {
            throw httpError(httpStatus);
        }

        final String[] validity = splitValidity(text(response, "ValidDate"));
        final IdCardFields fields = new IdCardFields(
                text(response, "Name"),
                text(response, "Sex"),
                text(response, "Nation"),
                isoDate(text(response, "Birth"), BIRTH),
                text(response, "IdNum"),
                text(response, "Address"),
                text(response, "Authority"),
                validity[0],
                validity[1]);

        final JsonNode advanced = advancedInfo(text(response, "AdvancedInfo"));
        final List<ReportedWarning> warnings = new ArrayList<>();
        advanced.path("WarnInfos").forEach(code -> warnings.add(new ReportedWarning(TencentCodes.warning(code.asInt()), code.asText())));
        final Integer quality = advanced.hasNonNull("Quality") ? advanced.get("Quality").asInt() : null;

        final CardSide side = requestedSide != null ? requestedSide : fields.inferSide();
        return new IdCardRecognition(side, fields, warnings, quality,
                image(advanced, "IdCard"), image(advanced, "Portrait"), requestId, body);
    }

    private static JsonNode responseNode(final int httpStatus, final String body) throws IdCardOcrException {
        final JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (final JacksonException e) {
            throw httpStatus == 200 ? malformed("The answer is not JSON") : httpError(httpStatus);
        }
        final JsonNode response = root == null ? null : root.get("Response");
        if (response == null || !response.isObject()) {
            throw httpStatus == 200 ? malformed("The answer has no Response object") : httpError(httpStatus);
        }
        return response;
    }

    /** An HTTP 200 that is not a whole API answer: the request was processed, and maybe billed, but its answer is lost. */
    private static IdCardOcrException malformed(final String message) {
        return new IdCardOcrException(IdCardOcrException.TRANSPORT + "MalformedResponse",
                message + " (Tencent may have recognized and billed the image)", IdCardOcrException.Category.TRANSPORT,
                true, null, null, true);
    }

    private static IdCardOcrException httpError(final int status) {
        final boolean retryable = status >= 500 || status == 429 || status == 408;
        return new IdCardOcrException(IdCardOcrException.TRANSPORT + "HTTP" + status,
                "The endpoint answered HTTP " + status + " without a Tencent Cloud API response", IdCardOcrException.Category.TRANSPORT, retryable);
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        final String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private static JsonNode advancedInfo(final String advancedInfo) throws IdCardOcrException {
        if (advancedInfo == null) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(advancedInfo);
        } catch (final JacksonException e) {
            throw malformed("AdvancedInfo is not a JSON string");
        }
    }

    private static byte[] image(final JsonNode advanced, final String field) throws IdCardOcrException {
        final String base64 = text(advanced, field);
        if (base64 == null) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (final IllegalArgumentException e) {
            throw malformed("AdvancedInfo." + field + " is not base64");
        }
    }

    /** Splits {@code 2017.08.12-2037.08.12} (or {@code ...-长期}) into ISO dates; what does not parse is kept as printed. */
    private static String[] splitValidity(final String validDate) {
        if (validDate == null) {
            return new String[] {null, null};
        }
        final int dash = validDate.indexOf('-');
        if (dash < 0) {
            return new String[] {isoDate(validDate, VALIDITY), null};
        }
        final String until = validDate.substring(dash + 1).trim();
        return new String[] {
                isoDate(validDate.substring(0, dash).trim(), VALIDITY),
                LONG_TERM.equals(until) ? IdCardFields.LONG_TERM : isoDate(until, VALIDITY)
        };
    }

    private static String isoDate(final String printed, final DateTimeFormatter format) {
        if (printed == null) {
            return null;
        }
        try {
            return LocalDate.parse(printed, format).toString();
        } catch (final DateTimeParseException e) {
            return printed;
        }
    }
}

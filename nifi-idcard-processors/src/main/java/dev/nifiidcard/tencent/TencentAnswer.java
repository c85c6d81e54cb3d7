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
import dev.nifiidcard.provider.PrintedDates;
import dev.nifiidcard.provider.http.ProviderExchange;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.nifiidcard.provider.http.JsonFields.text;

/** Reads an IDCardOCR answer: the normalized card, or the error it carries as a typed exception. */
final class TencentAnswer {

    private static final String PROVIDER = "Tencent Cloud";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter BIRTH = PrintedDates.pattern("uuuu/M/d");
    private static final DateTimeFormatter VALIDITY = PrintedDates.pattern("uuuu.M.d");

    private TencentAnswer() {
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

        final String[] validity = PrintedDates.validity(text(response, "ValidDate"), VALIDITY);
        final IdCardFields fields = new IdCardFields(
                text(response, "Name"),
                text(response, "Sex"),
                text(response, "Nation"),
                PrintedDates.iso(text(response, "Birth"), BIRTH),
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
                image(advanced, "IdCard"), image(advanced, "Portrait"), requestId);
    }

    private static JsonNode responseNode(final int httpStatus, final String body) throws IdCardOcrException {
        final JsonNode response = ProviderExchange.jsonObject(httpStatus, body, PROVIDER, true).get("Response");
        if (response == null || !response.isObject()) {
            throw ProviderExchange.notAnApiAnswer(httpStatus, "The answer has no Response object", PROVIDER, true);
        }
        return response;
    }

    private static IdCardOcrException malformed(final String message) {
        return ProviderExchange.malformed(message);
    }

    private static IdCardOcrException httpError(final int status) {
        return ProviderExchange.httpError(status, PROVIDER);
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
}

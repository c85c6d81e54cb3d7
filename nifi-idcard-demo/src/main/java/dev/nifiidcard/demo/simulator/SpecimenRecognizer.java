package dev.nifiidcard.demo.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nifiidcard.camera.specimen.SpecimenMetadata;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Recognizes" an IDCardOCR request body by reading the fields a specimen JPEG carries ({@link SpecimenMetadata}),
 * and answers in Tencent's response shape. No pixels are looked at: any other image has no ID card for it.
 */
final class SpecimenRecognizer {

    /** What the simulator reports as AdvancedInfo.Quality when Config asks for it: comfortably above Tencent's 50. */
    static final int QUALITY = 90;
    /** Tencent's base64 limit for ImageBase64. */
    static final int MAX_BASE64_CHARS = 10 * 1024 * 1024;
    static final String LONG_TERM = "长期";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("yyyy/M/d");
    private static final DateTimeFormatter VALIDITY = DateTimeFormatter.ofPattern("yyyy.MM.dd");
    private static final List<String> FRONT_FIELDS = List.of("Name", "Sex", "Nation", "Birth", "Address", "IdNum");
    private static final List<String> BACK_FIELDS = List.of("Authority", "ValidDate");

    /** The answer's Response object without RequestId, or the error to answer. */
    record Answer(ObjectNode response, TencentError error) {
    }

    Answer recognize(final byte[] body) {
        final JsonNode request;
        try {
            request = MAPPER.readTree(body);
        } catch (final java.io.IOException e) {
            return error("InvalidParameter", "The request body is not JSON.");
        }
        if (request == null || !request.isObject()) {
            return error("InvalidParameter", "The request body is not a JSON object.");
        }
        final JsonNode config;
        try {
            config = request.hasNonNull("Config") ? MAPPER.readTree(request.get("Config").asText()) : MAPPER.createObjectNode();
        } catch (final JsonProcessingException e) {
            return error("InvalidParameter.ConfigFormatError", "Config is not a JSON string.");
        }
        final String side = request.path("CardSide").asText("");
        if (!side.isEmpty() && !"FRONT".equals(side) && !"BACK".equals(side)) {
            return error("InvalidParameterValue.InvalidParameterValueLimit", "CardSide must be FRONT or BACK.");
        }
        final String base64 = request.path("ImageBase64").asText("");
        if (base64.isEmpty()) {
            return request.hasNonNull("ImageUrl")
                    ? error("FailedOperation.DownLoadError", "The simulator does not download ImageUrl; send ImageBase64.")
                    : error("FailedOperation.EmptyImageError", "ImageBase64 is empty.");
        }
        if (base64.length() > MAX_BASE64_CHARS) {
            return error("FailedOperation.ImageSizeTooLarge", "ImageBase64 is larger than 10 MB.");
        }
        final byte[] image;
        try {
            image = Base64.getMimeDecoder().decode(base64);
        } catch (final IllegalArgumentException e) {
            return error("FailedOperation.ImageDecodeFailed", "ImageBase64 is not base64.");
        }
        final Optional<Map<String, String>> specimen = SpecimenMetadata.read(image);
        if (specimen.isEmpty()) {
            return error("FailedOperation.ImageNoIdCard", "No ID card found (the simulator recognizes only specimen cards).");
        }
        final Map<String, String> fields = specimen.get();
        final boolean front = "front".equals(fields.get("side"));
        if (!side.isEmpty() && front != "FRONT".equals(side)) {
            return error("FailedOperation.CardSideError", "The card side does not match CardSide " + side + ".");
        }
        final ObjectNode response = MAPPER.createObjectNode();
        FRONT_FIELDS.forEach(name -> response.put(name, ""));
        BACK_FIELDS.forEach(name -> response.put(name, ""));
        if (front) {
            response.put("Name", fields.getOrDefault("name", ""))
                    .put("Sex", fields.getOrDefault("sex", ""))
                    .put("Nation", fields.getOrDefault("nation", ""))
                    .put("Birth", BIRTH.format(LocalDate.parse(fields.get("birth"))))
                    .put("Address", fields.getOrDefault("address", ""))
                    .put("IdNum", fields.getOrDefault("number", ""));
        } else {
            final String until = fields.get("validUntil");
            response.put("Authority", fields.getOrDefault("authority", ""))
                    .put("ValidDate", VALIDITY.format(LocalDate.parse(fields.get("validFrom"))) + "-"
                            + ("long-term".equals(until) ? LONG_TERM : VALIDITY.format(LocalDate.parse(until))));
        }
        final ObjectNode advanced = MAPPER.createObjectNode();
        advanced.putArray("WarnInfos");
        if (config.path("Quality").asBoolean(false)) {
            advanced.put("Quality", QUALITY);
        }
        // Tencent sends AdvancedInfo as a JSON string, not an object
        response.put("AdvancedInfo", advanced.toString());
        response.putArray("ReflectDetailInfos");
        return new Answer(response, null);
    }

    private static Answer error(final String code, final String message) {
        return new Answer(null, new TencentError(code, message));
    }
}

package dev.nifiidcard.camera.specimen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nifiidcard.camera.gate.JpegSegments;
import dev.nifiidcard.commons.jpeg.JpegMarkers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The printed fields of a specimen card, carried inside its JPEG as a COM segment {@value #COMMENT_PREFIX} followed by
 * compact JSON (non-ASCII escaped, so any tool shows it intact), so that an OCR simulator can "recognize" it.
 */
public final class SpecimenMetadata {

    public static final String COMMENT_PREFIX = "nifi-idcard-specimen:";
    /** Prefix of the same fields in {@code Frame.metadata()}. */
    public static final String ATTRIBUTE_PREFIX = "specimen.";

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {
    };
    private static final int APP0 = 0xE0;

    private SpecimenMetadata() {
    }

    /**
     * The specimen fields of a JPEG, found by walking its header segments.
     *
     * @return the fields in the order written, or empty when the image has none or is not a readable JPEG
     */
    public static Optional<Map<String, String>> read(final byte[] jpeg) {
        final byte[] prefix = COMMENT_PREFIX.getBytes(StandardCharsets.US_ASCII);
        final List<JpegSegments.Segment> segments;
        try {
            segments = JpegSegments.read(jpeg);
        } catch (final IOException notAJpeg) {
            return Optional.empty();
        }
        for (final JpegSegments.Segment segment : segments) {
            if (segment.marker() == JpegMarkers.COM && segment.length() >= prefix.length
                    && Arrays.equals(jpeg, segment.offset(), segment.offset() + prefix.length, prefix, 0, prefix.length)) {
                final String json = new String(jpeg, segment.offset() + prefix.length, segment.length() - prefix.length, StandardCharsets.UTF_8);
                try {
                    return Optional.of(JSON.readValue(json, FIELDS));
                } catch (final JsonProcessingException malformed) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The same JPEG with the fields in a COM segment after SOI (and after the JFIF APP0, which must come first). */
    static byte[] embed(final byte[] jpeg, final Map<String, String> fields) {
        final byte[] comment;
        try {
            comment = (COMMENT_PREFIX + JSON.writeValueAsString(fields)).getBytes(StandardCharsets.US_ASCII);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        int insertAt = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == APP0) {
            insertAt = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + comment.length + 4);
        out.write(jpeg, 0, insertAt);
        out.write(0xFF);
        out.write(JpegMarkers.COM);
        out.write((comment.length + 2) >> 8);
        out.write(comment.length + 2);
        out.writeBytes(comment);
        out.write(jpeg, insertAt, jpeg.length - insertAt);
        return out.toByteArray();
    }

    /** The fields as frame metadata: {@code specimen.side}, {@code specimen.name}, ... */
    static Map<String, String> attributes(final Map<String, String> fields) {
        final Map<String, String> attributes = new LinkedHashMap<>();
        fields.forEach((key, value) -> attributes.put(ATTRIBUTE_PREFIX + key, value));
        return attributes;
    }
}

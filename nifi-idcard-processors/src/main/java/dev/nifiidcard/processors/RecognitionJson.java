package dev.nifiidcard.processors;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * A recognition as one flat JSON object, for record readers: the idcard.* attribute names in camelCase without
 * the prefix ({@code idcard.valid.from} is {@code validFrom}), lists as arrays, numbers and booleans typed.
 */
final class RecognitionJson {

    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private RecognitionJson() {
    }

    static void write(final Map<String, String> attributes, final OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            for (final Map.Entry<String, String> attribute : new java.util.TreeMap<>(attributes).entrySet()) {
                final String name = attribute.getKey();
                final String value = attribute.getValue();
                json.writeFieldName(key(name));
                switch (name) {
                    case IdCardAttributes.WARNINGS, IdCardAttributes.WARNING_CODES -> {
                        json.writeStartArray();
                        for (final String item : Arrays.stream(value.split(",")).filter(s -> !s.isEmpty()).toList()) {
                            json.writeString(item);
                        }
                        json.writeEndArray();
                    }
                    case IdCardAttributes.QUALITY -> json.writeNumber(Integer.parseInt(value));
                    case IdCardAttributes.NUMBER_VALID -> json.writeBoolean(Boolean.parseBoolean(value));
                    default -> json.writeString(value);
                }
            }
            json.writeEndObject();
        }
    }

    /** {@code idcard.valid.from} → {@code validFrom}. */
    static String key(final String attribute) {
        final String[] parts = attribute.substring(IdCardAttributes.PREFIX.length()).split("\\.");
        final StringBuilder key = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            key.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return key.toString();
    }
}

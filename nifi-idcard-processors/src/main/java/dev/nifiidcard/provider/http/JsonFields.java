package dev.nifiidcard.provider.http;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the fields of a provider's JSON answer the same way whatever the provider. */
public final class JsonFields {

    private JsonFields() {
    }

    /**
     * A field's value as trimmed text (numbers included), or {@code null} when the field is missing, null, an object or
     * an array, or blank: providers send "" for what they did not recognize.
     */
    public static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        final String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }
}

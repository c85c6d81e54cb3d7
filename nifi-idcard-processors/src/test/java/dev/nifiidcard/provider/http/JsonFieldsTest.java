package dev.nifiidcard.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JsonFieldsTest {

    @Test
    void textIsTrimmedAndWhatCarriesNoTextIsNull() throws Exception {
        final JsonNode node = new ObjectMapper().readTree(
                "{\"name\":\" 李明 \",\"code\":0,\"blank\":\"  \",\"nothing\":null,\"object\":{\"a\":1},\"array\":[1]}");
        assertEquals("李明", JsonFields.text(node, "name"));
        assertEquals("0", JsonFields.text(node, "code"));
        assertNull(JsonFields.text(node, "blank"));
        assertNull(JsonFields.text(node, "nothing"));
        assertNull(JsonFields.text(node, "missing"));
        assertNull(JsonFields.text(node, "object"));
        assertNull(JsonFields.text(node, "array"));
    }
}

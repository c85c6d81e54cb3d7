package dev.nifiidcard.huiyan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.provider.http.Base64JsonImageBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class HuiyanRequestTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theBodyCarriesTheSignedFieldsTheImageAndGetNative() throws Exception {
        final byte[] image = new byte[20_000];
        new Random(3).nextBytes(image);
        final Base64JsonImageBody body = HuiyanRequest.body(ImageSource.of(image), new HuiyanRequest.Fields(
                "IDAtest1", "1.0.0", "n".repeat(32), "S".repeat(40), "o".repeat(32), "nifi", true));
        final Buffer sent = new Buffer();
        body.writeTo(sent);
        final byte[] bytes = sent.readByteArray();

        assertEquals(body.contentLength(), bytes.length);
        assertEquals("application/json", body.contentType().toString());
        final JsonNode json = MAPPER.readTree(bytes);
        assertEquals(List.of("appId", "version", "nonce", "sign", "orderNo", "userId", "idcardStr", "getNative"),
                iterable(json.fieldNames()));
        assertEquals("IDAtest1", json.get("appId").asText());
        assertEquals("1", json.get("getNative").asText());
        assertArrayEquals(image, Base64.getDecoder().decode(json.get("idcardStr").asText()));
    }

    @Test
    void withoutNativePlaceOrUserIdThoseFieldsAreLeftOut() throws Exception {
        final Base64JsonImageBody body = HuiyanRequest.body(ImageSource.of(new byte[] {1, 2, 3, 4}), new HuiyanRequest.Fields(
                "IDAtest1", "1.0.0", "n".repeat(32), "S".repeat(40), "o".repeat(32), null, false));
        final Buffer sent = new Buffer();
        body.writeTo(sent);
        final JsonNode json = MAPPER.readTree(sent.readByteArray());
        assertFalse(json.has("getNative"));
        assertFalse(json.has("userId"));
        assertEquals("AQIDBA==", json.get("idcardStr").asText());
    }

    private static List<String> iterable(final java.util.Iterator<String> names) {
        final List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}

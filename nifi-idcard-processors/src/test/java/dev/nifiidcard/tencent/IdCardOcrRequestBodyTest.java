package dev.nifiidcard.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.ImageSource;
import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdCardOcrRequestBodyTest {

    private static final IdCardOcrParameters PARAMETERS =
            new IdCardOcrParameters(CardSide.FRONT, "{\"Quality\":true}", true, false, "Basic");

    @Test
    void imageOfEveryLengthRoundTripsAndHashMatches() throws Exception {
        final Random random = new Random(7);
        for (final int length : new int[]{1, 2, 3, 6143, 6144, 6145, 12288, 100_001}) {
            final byte[] image = new byte[length];
            random.nextBytes(image);
            final IdCardOcrRequestBody body = IdCardOcrRequestBody.prepare(source(image, length), PARAMETERS);
            final Buffer sent = new Buffer();
            body.writeTo(sent);
            final byte[] bytes = sent.readByteArray();
            assertEquals(body.contentLength(), bytes.length);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), body.sha256Hex());
            final JsonNode json = new ObjectMapper().readTree(bytes);
            assertArrayEquals(image, Base64.getDecoder().decode(json.path("ImageBase64").asText()), "length " + length);
            assertEquals("FRONT", json.path("CardSide").asText());
            assertEquals("{\"Quality\":true}", json.path("Config").asText());
            assertTrue(json.path("EnableRecognitionRectify").asBoolean());
            assertEquals("Basic", json.path("CardWarnType").asText());
            assertTrue(body.sentWhole());
        }
    }

    @Test
    void contentShorterOrLongerThanAnnouncedFails() {
        final byte[] image = new byte[10_000];
        assertThrows(IOException.class, () -> IdCardOcrRequestBody.prepare(source(image, 10_001), PARAMETERS));
        assertThrows(IOException.class, () -> IdCardOcrRequestBody.prepare(source(image, 9_999), PARAMETERS));
    }

    private static ImageSource source(final byte[] image, final long announced) {
        return new ImageSource() {
            @Override
            public long length() {
                return announced;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(image);
            }
        };
    }
}

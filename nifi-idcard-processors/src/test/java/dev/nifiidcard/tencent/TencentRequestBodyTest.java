package dev.nifiidcard.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.ImageSource;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TencentRequestBodyTest {

    private static final TencentParameters PARAMETERS =
            new TencentParameters(CardSide.FRONT, "{\"Quality\":true}", true, false, "Basic");

    @ParameterizedTest(name = "signed {0}")
    @ValueSource(booleans = {true, false})
    void imageOfEveryLengthRoundTripsAndHashMatches(final boolean signed) throws Exception {
        final Random random = new Random(7);
        for (final int length : new int[]{1, 2, 3, 4, 5, 6143, 6144, 6145, 12288, 100_001}) {
            final byte[] image = new byte[length];
            random.nextBytes(image);
            final AtomicInteger opened = new AtomicInteger();
            final TencentRequestBody body = TencentRequestBody.prepare(source(image, length, opened), PARAMETERS, signed);
            final Buffer sent = new Buffer();
            body.writeTo(sent);
            final byte[] bytes = sent.readByteArray();
            assertEquals(body.contentLength(), bytes.length, "length " + length);
            // signed: one pass to hash, one to send; unsigned: the send only
            assertEquals(signed ? 2 : 1, opened.get());
            assertEquals(signed ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) : null, body.sha256Hex());
            final JsonNode json = new ObjectMapper().readTree(bytes);
            assertArrayEquals(image, Base64.getDecoder().decode(json.path("ImageBase64").asText()), "length " + length);
            assertEquals("FRONT", json.path("CardSide").asText());
            assertEquals("{\"Quality\":true}", json.path("Config").asText());
            assertTrue(json.path("EnableRecognitionRectify").asBoolean());
            assertEquals("Basic", json.path("CardWarnType").asText());
        }
    }

    @Test
    void contentShorterOrLongerThanAnnouncedFails() {
        final byte[] image = new byte[10_000];
        assertThrows(IOException.class, () -> TencentRequestBody.prepare(source(image, 10_001), PARAMETERS, true));
        assertThrows(IOException.class, () -> TencentRequestBody.prepare(source(image, 9_999), PARAMETERS, true));
    }

    @Test
    void unsignedBodyOfWrongLengthFailsWhileSendingNotSilently() throws Exception {
        final byte[] image = new byte[10_000];
        for (final long announced : new long[]{10_001, 9_999}) {
            final TencentRequestBody body = TencentRequestBody.prepare(source(image, announced), PARAMETERS, false);
            assertThrows(IOException.class, () -> body.writeTo(new Buffer()));
        }
    }

    private static ImageSource source(final byte[] image, final long announced) {
        return source(image, announced, new AtomicInteger());
    }

    private static ImageSource source(final byte[] image, final long announced, final AtomicInteger opened) {
        return new ImageSource() {
            @Override
            public long length() {
                return announced;
            }

            @Override
            public InputStream open() {
                opened.incrementAndGet();
                return new ByteArrayInputStream(image);
            }
        };
    }
}

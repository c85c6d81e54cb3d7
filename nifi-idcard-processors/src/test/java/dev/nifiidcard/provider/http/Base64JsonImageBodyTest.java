package dev.nifiidcard.provider.http;

import dev.nifiidcard.ocr.ImageSource;
import okhttp3.MediaType;
import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Base64JsonImageBodyTest {

    private static final byte[] PREFIX = "{\"a\":\"x\",\"image\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\",\"b\":\"1\"}".getBytes(StandardCharsets.US_ASCII);
    private static final MediaType JSON = MediaType.get("application/json");

    @Test
    void everyImageLengthIsWrittenExactlyAsAnnounced() throws Exception {
        final Random random = new Random(11);
        // around the chunk size, where the base64 of one chunk must join the next without padding
        for (final int length : new int[] {0, 1, 2, 3, 4, 6143, 6144, 6145, 12287, 12288, 12289, 50_000}) {
            final byte[] image = new byte[length];
            random.nextBytes(image);
            final Base64JsonImageBody body = new Base64JsonImageBody(ImageSource.of(image), PREFIX, SUFFIX, JSON);
            final Buffer sent = new Buffer();
            body.writeTo(sent);

            final String expected = new String(PREFIX, StandardCharsets.US_ASCII) + Base64.getEncoder().encodeToString(image)
                    + new String(SUFFIX, StandardCharsets.US_ASCII);
            assertEquals(expected, sent.readUtf8(), "length " + length);
            assertEquals(expected.length(), body.contentLength(), "length " + length);
            assertEquals(Base64.getEncoder().encodeToString(image).length(), Base64JsonImageBody.base64Length(length));
            assertEquals(JSON, body.contentType());
        }
    }

    @Test
    void anImageShorterOrLongerThanAnnouncedFails() {
        final byte[] image = new byte[10_000];
        for (final long announced : new long[] {9_999, 10_001}) {
            final Base64JsonImageBody body = new Base64JsonImageBody(source(image, announced), PREFIX, SUFFIX, JSON);
            assertThrows(IOException.class, () -> body.writeTo(new Buffer()));
            assertThrows(IOException.class, () -> body.writeTo(new ByteArrayOutputStream()));
        }
    }

    /** A source whose announced length is not its real one. */
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

package dev.nifiidcard.tencent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.nifiidcard.http.Base64JsonImageBody;
import dev.nifiidcard.ocr.ImageSource;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The IDCardOCR JSON body, streamed by {@link Base64JsonImageBody}: the base64 of the image is written in chunks
 * straight from the image stream to the socket. A signed body is written once more before that, into a digest, to
 * learn its SHA-256 for the signature; an unsigned one ({@code UNSIGNED-PAYLOAD}) only needs its length, which is
 * computed. Neither the image nor its base64 is ever held in memory.
 */
final class IdCardOcrRequestBody extends RequestBody {

    /** The exact Content-Type sent and signed; OkHttp sends a body's media type as written here. */
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private static final MediaType MEDIA_TYPE = MediaType.get(CONTENT_TYPE);
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private static final byte[] IMAGE_FIELD = "{\"ImageBase64\":\"".getBytes(StandardCharsets.US_ASCII);

    private final Base64JsonImageBody body;
    private final String sha256Hex;

    private IdCardOcrRequestBody(final Base64JsonImageBody body, final String sha256Hex) {
        this.body = body;
        this.sha256Hex = sha256Hex;
    }

    /**
     * Reads the image once to hash the body it will send; unsigned, only works out the body's length.
     *
     * @param signed whether the signature covers the body; unsigned, {@link #sha256Hex()} is null
     */
    static IdCardOcrRequestBody prepare(final ImageSource image, final IdCardOcrParameters parameters, final boolean signed)
            throws IOException {
        final Base64JsonImageBody body = new Base64JsonImageBody(image, IMAGE_FIELD, afterImage(parameters), MEDIA_TYPE);
        if (!signed) {
            return new IdCardOcrRequestBody(body, null);
        }
        final MessageDigest digest = newSha256();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            body.writeTo(out);
        }
        return new IdCardOcrRequestBody(body, HexFormat.of().formatHex(digest.digest()));
    }

    /** The body's SHA-256 in lower-case hex, or null when the body is not signed. */
    String sha256Hex() {
        return sha256Hex;
    }

    @Override
    public MediaType contentType() {
        return MEDIA_TYPE;
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public void writeTo(final BufferedSink sink) throws IOException {
        body.writeTo(sink);
    }

    /** The image string's closing quote and the other fields, which may need escaping, written by Jackson. */
    private static byte[] afterImage(final IdCardOcrParameters parameters) throws IOException {
        final ByteArrayOutputStream fields = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON_FACTORY.createGenerator(fields)) {
            json.writeStartObject();
            if (parameters.cardSide() != null) {
                json.writeStringField("CardSide", parameters.cardSide().name());
            }
            if (parameters.config() != null) {
                json.writeStringField("Config", parameters.config());
            }
            json.writeBooleanField("EnableRecognitionRectify", parameters.recognitionRectify());
            json.writeBooleanField("EnableDateVerify", parameters.dateVerify());
            json.writeStringField("CardWarnType", parameters.cardWarnType());
            json.writeEndObject();
        }
        final byte[] object = fields.toByteArray();
        // the object without its opening brace, after the string's closing quote and a comma
        final byte[] after = Arrays.copyOf(new byte[] {'"', ','}, object.length + 1);
        System.arraycopy(object, 1, after, 2, object.length - 1);
        return after;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }
}

package dev.nifiidcard.tencent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.nifiidcard.ocr.ImageSource;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The IDCardOCR JSON body, streamed. The base64 of the image is written in chunks straight from the image
 * stream to the socket. A signed body is written once more before that, into a digest, to learn its SHA-256
 * for the signature; an unsigned one ({@code UNSIGNED-PAYLOAD}) only needs its length, which is computed.
 * Neither the image nor its base64 is ever held in memory.
 */
final class IdCardOcrRequestBody extends RequestBody {

    /** The exact Content-Type sent and signed; OkHttp sends a body's media type as written here. */
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private static final MediaType MEDIA_TYPE = MediaType.get(CONTENT_TYPE);
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final ImageSource image;
    /** The JSON after the image, written once per request. */
    private final byte[] otherFields;
    private final Buffers buffers;
    private final long contentLength;
    private final String sha256Hex;
    /** Whether the last attempt wrote the whole body; each attempt runs on the caller's thread, one at a time. */
    private volatile boolean sentWhole;

    private IdCardOcrRequestBody(final ImageSource image, final byte[] otherFields, final Buffers buffers,
                                 final long contentLength, final String sha256Hex) {
        this.image = image;
        this.buffers = buffers;
        this.otherFields = otherFields;
        this.contentLength = contentLength;
        this.sha256Hex = sha256Hex;
    }

    /**
     * Reads the image once to hash the body it will send; unsigned, only works out the body's length.
     *
     * @param signed whether the signature covers the body; unsigned, {@link #sha256Hex()} is null
     */
    static IdCardOcrRequestBody prepare(final ImageSource image, final IdCardOcrParameters parameters, final boolean signed)
            throws IOException {
        final byte[] otherFields = otherFields(parameters);
        final Buffers buffers = new Buffers();
        if (!signed) {
            final long base64Length = (image.length() + 2) / 3 * 4;
            final long length = IMAGE_FIELD.length + base64Length + 2 + otherFields.length;
            return new IdCardOcrRequestBody(image, otherFields, buffers, length, null);
        }
        final MessageDigest digest = newSha256();
        final ByteCounter counter = new ByteCounter();
        try (OutputStream out = new DigestOutputStream(counter, digest)) {
            write(image, otherFields, buffers, out);
        }
        return new IdCardOcrRequestBody(image, otherFields, buffers, counter.count, HexFormat.of().formatHex(digest.digest()));
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
        return contentLength;
    }

    @Override
    public void writeTo(final BufferedSink sink) throws IOException {
        sentWhole = false;
        write(image, otherFields, buffers, sink.outputStream());
        sink.flush();
        sentWhole = true;
    }

    /** Whether the last attempt handed the whole body to the network. */
    boolean sentWhole() {
        return sentWhole;
    }

    private static final byte[] IMAGE_FIELD = "{\"ImageBase64\":\"".getBytes(StandardCharsets.US_ASCII);
    /** Image bytes encoded at a time: a multiple of 3, so that each chunk's base64 joins the next without padding. */
    private static final int CHUNK = 6 * 1024;

    /**
     * The image's base64 goes through the JDK's encoder (an intrinsic, several times faster than Jackson's byte loop,
     * which is most of the CPU time of a request); the other fields, which may need escaping, through Jackson.
     */
    private static void write(final ImageSource image, final byte[] otherFields, final Buffers buffers,
                              final OutputStream out) throws IOException {
        out.write(IMAGE_FIELD);
        final long expected = image.length();
        long read = 0;
        try (InputStream in = image.open()) {
            final Base64.Encoder encoder = Base64.getEncoder();
            final byte[] chunk = buffers.chunk;
            final byte[] encoded = buffers.encoded;
            int filled;
            while ((filled = in.readNBytes(chunk, 0, CHUNK)) > 0) {
                read += filled;
                if (read > expected) {
                    throw new IOException("The image is longer than the " + expected + " bytes announced");
                }
                out.write(encoded, 0, encoder.encode(filled == CHUNK ? chunk : Arrays.copyOf(chunk, filled), encoded));
            }
        }
        if (read != expected) {
            // never a silent short body
            throw new IOException("Too few bytes: the image has " + read + " of the " + expected + " bytes announced");
        }
        out.write('"');
        out.write(',');
        out.write(otherFields);
    }

    /** The fields after the image, as JSON without the opening brace. */
    private static byte[] otherFields(final IdCardOcrParameters parameters) throws IOException {
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
        return Arrays.copyOfRange(object, 1, object.length);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    /** The encoding buffers of one request, used by its hashing pass and its attempts, one at a time. */
    private static final class Buffers {
        private final byte[] chunk = new byte[CHUNK];
        private final byte[] encoded = new byte[CHUNK / 3 * 4];
    }

    private static final class ByteCounter extends OutputStream {
        private long count;

        @Override
        public void write(final int b) {
            count++;
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) {
            count += length;
        }
    }
}

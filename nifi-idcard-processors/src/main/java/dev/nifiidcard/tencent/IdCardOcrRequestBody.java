package dev.nifiidcard.tencent;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.nifiidcard.ocr.ImageSource;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The IDCardOCR JSON body, streamed. The base64 of the image is written by Jackson straight from the image
 * stream: once into a digest to learn the payload's SHA-256 and length for signing, then again to the socket,
 * byte for byte the same. Neither the image nor its base64 is ever held in memory.
 */
final class IdCardOcrRequestBody extends RequestBody {

    /** The exact Content-Type sent and signed; OkHttp sends a body's media type as written here. */
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private static final MediaType MEDIA_TYPE = MediaType.get(CONTENT_TYPE);
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final ImageSource image;
    private final IdCardOcrParameters parameters;
    private final long contentLength;
    private final String sha256Hex;
    /** Whether the last attempt wrote the whole body; each attempt runs on the caller's thread, one at a time. */
    private volatile boolean sentWhole;

    private IdCardOcrRequestBody(final ImageSource image, final IdCardOcrParameters parameters,
                                 final long contentLength, final String sha256Hex) {
        this.image = image;
        this.parameters = parameters;
        this.contentLength = contentLength;
        this.sha256Hex = sha256Hex;
    }

    /** Reads the image once to hash the body it will send. */
    static IdCardOcrRequestBody prepare(final ImageSource image, final IdCardOcrParameters parameters) throws IOException {
        final MessageDigest digest = newSha256();
        final ByteCounter counter = new ByteCounter();
        try (OutputStream out = new DigestOutputStream(counter, digest)) {
            write(image, parameters, out);
        }
        return new IdCardOcrRequestBody(image, parameters, counter.count, HexFormat.of().formatHex(digest.digest()));
    }

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
        write(image, parameters, sink.outputStream());
        sink.flush();
        sentWhole = true;
    }

    /** Whether the last attempt handed the whole body to the network. */
    boolean sentWhole() {
        return sentWhole;
    }

    private static void write(final ImageSource image, final IdCardOcrParameters parameters, final OutputStream out) throws IOException {
        try (InputStream in = image.open(); JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeFieldName("ImageBase64");
            // Jackson fails with "Too few bytes" if the content is shorter than announced: never a silent short body
            json.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, in, Math.toIntExact(image.length()));
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
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
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

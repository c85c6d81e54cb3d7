package dev.nifiidcard.provider.http;

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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * A JSON request body whose one large string value is the image's base64, streamed: the JSON before the value
 * (ending with its opening quote), the base64 written in chunks straight from the image stream, then the JSON after
 * it (starting with its closing quote). Its length is computed, never measured, so neither the image nor its base64
 * is ever held in memory. Every provider that takes the image as base64 inside JSON writes it through here.
 */
public final class Base64JsonImageBody extends RequestBody {

    private static final JsonFactory JSON_FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    /** Image bytes encoded at a time: a multiple of 3, so that each chunk's base64 joins the next without padding. */
    static final int CHUNK = 6 * 1024;

    private final ImageSource image;
    private final byte[] prefix;
    private final byte[] suffix;
    private final MediaType mediaType;
    private final long contentLength;
    private final byte[] chunk = new byte[CHUNK];
    private final byte[] encoded = new byte[CHUNK / 3 * 4];

    /**
     * @param prefix    the JSON before the base64, up to and including the string's opening quote
     * @param suffix    the JSON after the base64, from the string's closing quote to the end
     * @param mediaType the Content-Type sent, exactly
     */
    public Base64JsonImageBody(final ImageSource image, final byte[] prefix, final byte[] suffix, final MediaType mediaType) {
        this.image = image;
        this.prefix = prefix.clone();
        this.suffix = suffix.clone();
        this.mediaType = mediaType;
        this.contentLength = prefix.length + base64Length(image.length()) + suffix.length;
    }

    /**
     * A JSON object of the fields before, the image's base64 as the string field {@code imageField}, and the fields after,
     * in that order. Field values are strings or booleans, written (and escaped) by Jackson; a null value is left out.
     */
    public static Base64JsonImageBody jsonObject(final ImageSource image, final Map<String, ?> before, final String imageField,
                                                 final Map<String, ?> after, final MediaType mediaType) {
        final byte[] head = object(before);
        final byte[] tail = object(after);
        final ByteArrayOutputStream prefix = new ByteArrayOutputStream(head.length + 32);
        // the object before without its closing brace, then the image field's name and opening quote
        prefix.write(head, 0, head.length - 1);
        prefix.writeBytes(((head.length > 2 ? "," : "") + "\"" + imageField + "\":\"").getBytes(StandardCharsets.UTF_8));
        final ByteArrayOutputStream suffix = new ByteArrayOutputStream(tail.length + 2);
        // the closing quote, then the object after without its opening brace
        suffix.writeBytes((tail.length > 2 ? "\"," : "\"").getBytes(StandardCharsets.UTF_8));
        suffix.write(tail, 1, tail.length - 1);
        return new Base64JsonImageBody(image, prefix.toByteArray(), suffix.toByteArray(), mediaType);
    }

    private static byte[] object(final Map<String, ?> fields) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
            json.writeStartObject();
            for (final Map.Entry<String, ?> field : fields.entrySet()) {
                if (field.getValue() instanceof Boolean flag) {
                    json.writeBooleanField(field.getKey(), flag);
                } else if (field.getValue() != null) {
                    json.writeStringField(field.getKey(), field.getValue().toString());
                }
            }
            json.writeEndObject();
        } catch (final IOException e) {
            throw new UncheckedIOException("Writing JSON into memory failed", e);
        }
        return out.toByteArray();
    }

    /** The length of the padded base64 of {@code bytes} bytes, which is how providers measure an image's size. */
    public static long base64Length(final long bytes) {
        return (bytes + 2) / 3 * 4;
    }

    @Override
    public MediaType contentType() {
        return mediaType;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public void writeTo(final BufferedSink sink) throws IOException {
        writeTo(sink.outputStream());
    }

    /**
     * Writes the whole body, for example into a digest before sending it. Fails, never silently short or long, when
     * the image does not have the length announced by its source.
     */
    public void writeTo(final OutputStream out) throws IOException {
        out.write(prefix);
        final long expected = image.length();
        long read = 0;
        // the JDK's encoder is an intrinsic, several times faster than Jackson's byte loop
        final Base64.Encoder encoder = Base64.getEncoder();
        try (InputStream in = image.open()) {
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
            throw new IOException("Too few bytes: the image has " + read + " of the " + expected + " bytes announced");
        }
        out.write(suffix);
    }

}

package dev.nifiidcard.huiyan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.nifiidcard.http.Base64JsonImageBody;
import dev.nifiidcard.ocr.ImageSource;
import okhttp3.MediaType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code idcardocrapp} JSON body of one call: the signed fields, then {@code idcardStr}, the image's base64
 * streamed by {@link Base64JsonImageBody}, then {@code getNative} when the native place is asked for.
 */
final class HuiyanRequestBody {

    /** The Content-Type Huiyan documents, sent as written. */
    static final MediaType MEDIA_TYPE = MediaType.get("application/json");

    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private static final byte[] IMAGE_FIELD = ",\"idcardStr\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_WITH_NATIVE = "\",\"getNative\":\"1\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\"}".getBytes(StandardCharsets.US_ASCII);

    /** The fields of one call other than the image. */
    record Fields(String appId, String version, String nonce, String sign, String orderNo, String userId, boolean nativePlace) {

        @Override
        public String toString() {
            return "Fields[orderNo=" + orderNo + ", sign withheld]";
        }
    }

    private HuiyanRequestBody() {
    }

    static Base64JsonImageBody of(final ImageSource image, final Fields fields) {
        return new Base64JsonImageBody(image, beforeImage(fields), fields.nativePlace() ? END_WITH_NATIVE : END, MEDIA_TYPE);
    }

    /** The signed fields, which may need escaping, written by Jackson, and the opening of idcardStr. */
    private static byte[] beforeImage(final Fields fields) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("appId", fields.appId());
            json.writeStringField("version", fields.version());
            json.writeStringField("nonce", fields.nonce());
            json.writeStringField("sign", fields.sign());
            json.writeStringField("orderNo", fields.orderNo());
            if (fields.userId() != null) {
                json.writeStringField("userId", fields.userId());
            }
            json.writeEndObject();
        } catch (final IOException e) {
            throw new UncheckedIOException("Writing JSON into memory failed", e);
        }
        final byte[] object = out.toByteArray();
        // the object without its closing brace, followed by the image field
        final byte[] before = new byte[object.length - 1 + IMAGE_FIELD.length];
        System.arraycopy(object, 0, before, 0, object.length - 1);
        System.arraycopy(IMAGE_FIELD, 0, before, object.length - 1, IMAGE_FIELD.length);
        return before;
    }
}

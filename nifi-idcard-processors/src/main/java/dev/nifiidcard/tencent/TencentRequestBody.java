package dev.nifiidcard.tencent;

import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.provider.http.Base64JsonImageBody;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IDCardOCR JSON body, streamed by {@link Base64JsonImageBody}: the base64 of the image is written in chunks
 * straight from the image stream to the socket. A signed body is written once more before that, into a digest, to
 * learn its SHA-256 for the signature; an unsigned one ({@code UNSIGNED-PAYLOAD}) only needs its length, which is
 * computed. Neither the image nor its base64 is ever held in memory.
 */
final class TencentRequestBody extends RequestBody {

    /** The exact Content-Type sent and signed; OkHttp sends a body's media type as written here. */
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private static final MediaType MEDIA_TYPE = MediaType.get(CONTENT_TYPE);

    private final Base64JsonImageBody body;
    private final String sha256Hex;

    private TencentRequestBody(final Base64JsonImageBody body, final String sha256Hex) {
        this.body = body;
        this.sha256Hex = sha256Hex;
    }

    /**
     * Reads the image once to hash the body it will send; unsigned, only works out the body's length.
     *
     * @param signed whether the signature covers the body; unsigned, {@link #sha256Hex()} is null
     */
    static TencentRequestBody prepare(final ImageSource image, final TencentParameters parameters, final boolean signed)
            throws IOException {
        final Base64JsonImageBody body = Base64JsonImageBody.jsonObject(image, Map.of(), "ImageBase64", afterImage(parameters), MEDIA_TYPE);
        if (!signed) {
            return new TencentRequestBody(body, null);
        }
        final MessageDigest digest = newSha256();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            body.writeTo(out);
        }
        return new TencentRequestBody(body, HexFormat.of().formatHex(digest.digest()));
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

    /** The fields after the image, in the order Tencent's documentation lists them. */
    private static Map<String, Object> afterImage(final TencentParameters parameters) {
        final Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("CardSide", parameters.cardSide() == null ? null : parameters.cardSide().name());
        fields.put("Config", parameters.config());
        fields.put("EnableRecognitionRectify", parameters.recognitionRectify());
        fields.put("EnableDateVerify", parameters.dateVerify());
        fields.put("CardWarnType", parameters.cardWarnType());
        return fields;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }
}

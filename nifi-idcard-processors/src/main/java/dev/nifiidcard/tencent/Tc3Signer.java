package dev.nifiidcard.tencent;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tencent Cloud API 3.0 signature, TC3-HMAC-SHA256, for a POST to {@code /} with an empty query string.
 * The payload is passed as its SHA-256 so that a streamed body never has to be held in memory.
 */
public final class Tc3Signer {

    public static final String ALGORITHM = "TC3-HMAC-SHA256";
    /**
     * Sent as {@code X-TC-Content-SHA256} when the body is not signed (the official SDK's
     * {@code ClientProfile.setUnsignedPayload}); the canonical request then carries the hash of this word instead.
     */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    public static final String CONTENT_SHA256_HEADER = "X-TC-Content-SHA256";

    private static final String TERMINATOR = "tc3_request";
    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final DateTimeFormatter CREDENTIAL_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private Tc3Signer() {
    }

    /**
     * The signed headers in canonical form: names and values lower-cased and trimmed, sorted by name.
     *
     * @param headers headers to sign, which must include {@code content-type} and {@code host}
     */
    public static SortedMap<String, String> canonicalHeaders(final Map<String, String> headers) {
        final SortedMap<String, String> canonical = new TreeMap<>();
        headers.forEach((name, value) -> canonical.put(name.trim().toLowerCase(Locale.ROOT), value.trim().toLowerCase(Locale.ROOT)));
        if (!canonical.containsKey("content-type") || !canonical.containsKey("host")) {
            throw new IllegalArgumentException("content-type and host must be signed");
        }
        return canonical;
    }

    public static String signedHeaderNames(final SortedMap<String, String> canonicalHeaders) {
        return String.join(";", canonicalHeaders.keySet());
    }

    public static String canonicalRequest(final SortedMap<String, String> canonicalHeaders, final String payloadSha256Hex) {
        final StringBuilder request = new StringBuilder("POST\n/\n\n");
        canonicalHeaders.forEach((name, value) -> request.append(name).append(':').append(value).append('\n'));
        return request.append('\n')
                .append(signedHeaderNames(canonicalHeaders)).append('\n')
                .append(payloadSha256Hex)
                .toString();
    }

    /** The UTC date of a timestamp, as used in the credential scope. */
    public static String credentialDate(final long timestampSeconds) {
        return CREDENTIAL_DATE.format(Instant.ofEpochSecond(timestampSeconds));
    }

    public static String stringToSign(final long timestampSeconds, final String service, final String hashedCanonicalRequest) {
        return ALGORITHM + '\n'
                + timestampSeconds + '\n'
                + credentialScope(timestampSeconds, service) + '\n'
                + hashedCanonicalRequest;
    }

    public static byte[] signingKey(final String secretKey, final String date, final String service) {
        final byte[] dateKey = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        final byte[] serviceKey = hmac(dateKey, service);
        return hmac(serviceKey, TERMINATOR);
    }

    public static String signature(final String secretKey, final String service, final long timestampSeconds,
                                   final SortedMap<String, String> canonicalHeaders, final String payloadSha256Hex) {
        final String hashedCanonicalRequest = sha256Hex(canonicalRequest(canonicalHeaders, payloadSha256Hex));
        final byte[] key = signingKey(secretKey, credentialDate(timestampSeconds), service);
        return HEX.formatHex(hmac(key, stringToSign(timestampSeconds, service, hashedCanonicalRequest)));
    }

    /** The value of the {@code Authorization} header. */
    public static String authorization(final String secretId, final String secretKey, final String service,
                                       final long timestampSeconds, final SortedMap<String, String> canonicalHeaders,
                                       final String payloadSha256Hex) {
        return ALGORITHM
                + " Credential=" + secretId + '/' + credentialScope(timestampSeconds, service)
                + ", SignedHeaders=" + signedHeaderNames(canonicalHeaders)
                + ", Signature=" + signature(secretKey, service, timestampSeconds, canonicalHeaders, payloadSha256Hex);
    }

    /** The payload hash the canonical request carries for an unsigned body. */
    public static String unsignedPayloadSha256Hex() {
        return sha256Hex(UNSIGNED_PAYLOAD);
    }

    public static String sha256Hex(final String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    private static String credentialScope(final long timestampSeconds, final String service) {
        return credentialDate(timestampSeconds) + '/' + service + '/' + TERMINATOR;
    }

    private static byte[] hmac(final byte[] key, final String message) {
        try {
            final Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 not available", e);
        }
    }
}

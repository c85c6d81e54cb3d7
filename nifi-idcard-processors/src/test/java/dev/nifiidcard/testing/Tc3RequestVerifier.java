package dev.nifiidcard.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a received request's TC3-HMAC-SHA256 signature the way Tencent does, from the raw headers and body bytes.
 * Written apart from the bundle's signer on purpose: a shared mistake would otherwise pass unnoticed.
 */
public final class Tc3RequestVerifier {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([a-z]+)/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

    private Tc3RequestVerifier() {
    }

    /**
     * The AuthFailure code Tencent would answer, or null when the request is correctly signed.
     *
     * @param header     header value by lower-case name, or null when absent
     * @param nowSeconds the server's clock
     */
    public static String refusal(final String method, final String path, final Function<String, String> header, final byte[] body,
                                 final long nowSeconds, final String secretId, final String secretKey) {
        final String authorization = header.apply("authorization");
        final Matcher auth = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (auth == null || !auth.matches()) {
            return "AuthFailure.InvalidAuthorization";
        }
        if (!secretId.equals(auth.group(1))) {
            return "AuthFailure.SecretIdNotFound";
        }
        final long timestamp;
        try {
            timestamp = Long.parseLong(header.apply("x-tc-timestamp"));
        } catch (final NumberFormatException e) {
            return "MissingParameter";
        }
        if (Math.abs(nowSeconds - timestamp) > 300) {
            return "AuthFailure.SignatureExpire";
        }
        final String date = Instant.ofEpochSecond(timestamp).atZone(ZoneOffset.UTC).toLocalDate().toString();
        final String signedHeaders = auth.group(4);
        if (!date.equals(auth.group(2)) || !"ocr".equals(auth.group(3))
                || !signedHeaders.contains("content-type") || !signedHeaders.contains("host")
                || !"POST".equals(method) || !"/".equals(path)) {
            return "AuthFailure.SignatureFailure";
        }
        final StringBuilder canonical = new StringBuilder("POST\n/\n\n");
        for (final String name : signedHeaders.split(";")) {
            final String value = header.apply(name);
            if (value == null) {
                return "AuthFailure.SignatureFailure";
            }
            canonical.append(name).append(':').append(value.trim().toLowerCase(Locale.ROOT)).append('\n');
        }
        // X-TC-Content-SHA256: UNSIGNED-PAYLOAD leaves the body out of the signature (what the official SDK's option sends)
        final boolean unsigned = "UNSIGNED-PAYLOAD".equals(header.apply("x-tc-content-sha256"));
        final byte[] payload = unsigned ? "UNSIGNED-PAYLOAD".getBytes(StandardCharsets.US_ASCII) : body;
        canonical.append('\n').append(signedHeaders).append('\n').append(hex(sha256(payload)));
        final String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/ocr/tc3_request\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, "ocr");
        key = hmac(key, "tc3_request");
        return hex(hmac(key, stringToSign)).equals(auth.group(5)) ? null : "AuthFailure.SignatureFailure";
    }

    private static byte[] sha256(final byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (final Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] hmac(final byte[] key, final String data) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (final Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(final byte[] bytes) {
        final StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (final byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }
}

package dev.nifiidcard.demo.simulator;

import dev.nifiidcard.tencent.Tc3Signer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a request's TC3-HMAC-SHA256 signature from the headers and body bytes received, in the order Tencent reports
 * problems. Reuses the bundle's public signer building blocks; the processors module's tests check those against
 * Tencent's published vectors and against an independent verifier.
 */
final class Tc3SignatureCheck {

    static final String SERVICE = "ocr";
    /** Tencent refuses a timestamp more than five minutes away from its own clock. */
    static final long MAX_SKEW_SECONDS = 300;

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([a-z0-9]+)/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

    private final String secretId;
    private final String secretKey;

    Tc3SignatureCheck(final String secretId, final String secretKey) {
        this.secretId = secretId;
        this.secretKey = secretKey;
    }

    /**
     * @param header     a received header's value by lower-case name, or null when absent
     * @param nowSeconds the simulator's clock
     * @return the refusal, or empty when the request is correctly signed
     */
    Optional<TencentError> refusal(final String method, final String path, final Function<String, String> header,
                                   final byte[] body, final long nowSeconds) {
        final String authorization = header.apply("authorization");
        final Matcher auth = authorization == null ? null : AUTHORIZATION.matcher(authorization.trim());
        if (auth == null || !auth.matches()) {
            return error("AuthFailure.InvalidAuthorization", "The Authorization header is missing or not TC3-HMAC-SHA256.");
        }
        if (!secretId.equals(auth.group(1))) {
            return error("AuthFailure.SecretIdNotFound", "The SecretId is not known to this simulator.");
        }
        final long timestamp;
        try {
            timestamp = Long.parseLong(String.valueOf(header.apply("x-tc-timestamp")).trim());
        } catch (final NumberFormatException e) {
            return error("MissingParameter", "The X-TC-Timestamp header is missing or not a number.");
        }
        if (Math.abs(nowSeconds - timestamp) > MAX_SKEW_SECONDS) {
            return error("AuthFailure.SignatureExpire", "X-TC-Timestamp " + timestamp + " is more than 5 minutes away from the server time "
                    + nowSeconds + ".");
        }
        final String signedHeaders = auth.group(4);
        if (!"POST".equals(method) || !"/".equals(path) || !SERVICE.equals(auth.group(3))
                || !Tc3Signer.credentialDate(timestamp).equals(auth.group(2))) {
            return signatureFailure();
        }
        final Map<String, String> signed = new LinkedHashMap<>();
        for (final String name : signedHeaders.split(";")) {
            final String value = header.apply(name);
            if (value == null) {
                return signatureFailure();
            }
            signed.put(name, value);
        }
        final String expected;
        try {
            expected = Tc3Signer.signature(secretKey, SERVICE, timestamp, Tc3Signer.canonicalHeaders(signed), sha256Hex(body));
        } catch (final IllegalArgumentException contentTypeOrHostUnsigned) {
            return signatureFailure();
        }
        final boolean matches = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), auth.group(5).getBytes(StandardCharsets.US_ASCII));
        return matches ? Optional.empty() : signatureFailure();
    }

    private static Optional<TencentError> signatureFailure() {
        return error("AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.");
    }

    private static Optional<TencentError> error(final String code, final String message) {
        return Optional.of(new TencentError(code, message));
    }

    private static String sha256Hex(final byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }
}

package dev.nifiidcard.jumdata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Jumdata's request signature: {@code sign = sha256(appId + appSecret + timestamp)} in lower-case hex. */
final class JumdataSigner {

    private JumdataSigner() {
    }

    /**
     * @param timestamp the milliseconds sent as the {@code timestamp} field, exactly as sent
     */
    static String sign(final String appId, final String appSecret, final String timestamp) {
        final MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
        return HexFormat.of().formatHex(sha256.digest((appId + appSecret + timestamp).getBytes(StandardCharsets.UTF_8)));
    }
}

package dev.nifiidcard.huiyan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Huiyan's request signature and the random strings that go with it. The {@code sign} of a call is the upper-case hex
 * SHA-1 of the values of appId, orderNo, version, the SIGN ticket and nonce, sorted in plain ASCII order and joined
 * without separator; only the values take part, not their names.
 */
final class HuiyanSigner {

    /** Length of the nonce and of the order number: Huiyan asks for 32 letters and digits. */
    static final int RANDOM_LENGTH = 32;

    private static final char[] ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private HuiyanSigner() {
    }

    /** The sign of one recognition call. */
    static String sign(final String appId, final String orderNo, final String version, final String ticket, final String nonce) {
        return sign(new String[] {appId, orderNo, version, ticket, nonce});
    }

    /** Huiyan's signature over any set of values: sorted, joined, SHA-1, upper-case hex. */
    static String sign(final String... values) {
        final String[] sorted = values.clone();
        // String's natural order compares UTF-16 units: for the ASCII values signed, plain ASCII order
        Arrays.sort(sorted);
        final MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 not available", e);
        }
        for (final String value : sorted) {
            sha1.update(value.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().withUpperCase().formatHex(sha1.digest());
    }

    /** 32 letters and digits from a SecureRandom: a nonce, or an order number unique to one call. */
    static String randomAlphanumeric() {
        final char[] chars = new char[RANDOM_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
        }
        return new String(chars);
    }
}

package dev.nifiidcard.huiyan;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HuiyanSignerTest {

    private static final String TICKET = "XO99Qfxlti9iTVgHAjwvJdAZKN3nMuUhrsPdPlPVKlcyS50N6tlLnfuFBPIucaMS";
    private static final String NONCE = "kHoSxvLZGxSoFsjxlbzEoUzh5PAnTU7T";

    /** Tencent's published SIGN-ticket example: appId, orderNo, version, ticket and nonce. */
    @Test
    void reproducesThePublishedSignVector() {
        assertEquals("6CD5F0DBCFA1155E2A66754B33C2E67DD358393B",
                HuiyanSigner.sign("IDAXXXXX", "orderNo596551", "1.0.0", TICKET, NONCE));
    }

    /**
     * Tencent's published NONCE-ticket example (the SDK sign, with userId in place of orderNo): not in the seed, the same
     * algorithm over other values.
     */
    @Test
    void reproducesThePublishedUserIdVector() {
        assertEquals("D7606F1741DDCF90757DA924EDCF152A200AC7F0",
                HuiyanSigner.sign("IDAXXXXX", "userID19959248596551", "1.0.0", TICKET, NONCE));
    }

    @Test
    void theOrderOfTheValuesDoesNotMatterAndUpperCaseSortsBeforeLowerCase() {
        assertEquals(HuiyanSigner.sign("IDAXXXXX", "orderNo596551", "1.0.0", TICKET, NONCE),
                HuiyanSigner.sign(NONCE, TICKET, "1.0.0", "orderNo596551", "IDAXXXXX"));
        // plain ASCII order: "B" (66) before "a" (97); a case-insensitive sort would put "a" first
        assertEquals(sha1Hex("Ba"), HuiyanSigner.sign("a", "B"));
    }

    @Test
    void noncesAndOrderNumbersAre32LettersAndDigitsAndUnique() {
        final Pattern shape = Pattern.compile("[A-Za-z0-9]{32}");
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            final String value = HuiyanSigner.randomAlphanumeric();
            assertTrue(shape.matcher(value).matches(), value);
            assertTrue(seen.add(value), "repeated " + value);
        }
    }

    private static String sha1Hex(final String text) {
        try {
            return java.util.HexFormat.of().withUpperCase().formatHex(
                    java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (final java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

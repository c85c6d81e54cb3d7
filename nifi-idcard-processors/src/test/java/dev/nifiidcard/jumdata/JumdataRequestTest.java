package dev.nifiidcard.jumdata;

import dev.nifiidcard.testing.JumdataRequestVerifier;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jumdata's documentation gives example inputs for the sign but no expected value: the sign is checked against two
 * computations that do not use {@link JumdataRequest#sign}.
 */
class JumdataRequestTest {

    private static final String APP_ID = "xyzxy2121zxyz";
    private static final String APP_SECRET = "efcefcef1121cefcefc1212121";
    private static final String TIMESTAMP = "1555378976238";

    @Test
    void documentedExampleMatchesAnIndependentSha256() {
        assertEquals(JumdataRequestVerifier.sha256Hex(APP_ID + APP_SECRET + TIMESTAMP), JumdataRequest.sign(APP_ID, APP_SECRET, TIMESTAMP));
    }

    /** Computed outside the JVM: printf %s 'xyzxy2121zxyzefcefcef1121cefcefc12121211555378976238' | sha256sum */
    @Test
    void documentedExampleMatchesCoreutils() {
        assertEquals("6ddcdc405743c576cb6d34b17b47ed56e2b9b6670fae1fe85ed01244fd31558b", JumdataRequest.sign(APP_ID, APP_SECRET, TIMESTAMP));
    }

    @Test
    void signIsLowerCaseHexOfTheFieldsInTheDocumentedOrder() {
        final String sign = JumdataRequest.sign(APP_ID, APP_SECRET, TIMESTAMP);
        assertTrue(sign.matches("[0-9a-f]{64}"), sign);
        assertNotEquals(JumdataRequestVerifier.sha256Hex(APP_SECRET + APP_ID + TIMESTAMP), sign);
        assertNotEquals(sign, JumdataRequest.sign(APP_ID, APP_SECRET, "1555378976239"), "the timestamp is signed");
    }
}

package dev.nifiidcard.tencent;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tencent Cloud's published TC3-HMAC-SHA256 examples, reproduced exactly. */
class Tc3SignerTest {

    private static final long TIMESTAMP = 1551113065L;
    private static final String SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    private static final String PAYLOAD = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final String HOST = "cvm.tencentcloudapi.com";

    @Test
    void payloadHashMatchesTheDocumentation() throws Exception {
        final byte[] digest = MessageDigest.getInstance("SHA-256").digest(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        assertEquals("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064", HexFormat.of().formatHex(digest));
    }

    @Test
    void credentialDateIsTheUtcDate() {
        // 1551113065 is already 2019-02-26 in UTC+8
        assertEquals("2019-02-25", Tc3Signer.credentialDate(TIMESTAMP));
    }

    @Test
    void publishedVectorOne() {
        final SortedMap<String, String> headers = Tc3Signer.canonicalHeaders(Map.of("Content-Type", CONTENT_TYPE, "Host", HOST));
        final String payloadHash = Tc3Signer.sha256Hex(PAYLOAD);

        assertEquals("content-type;host", Tc3Signer.signedHeaderNames(headers));
        assertEquals("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
                Tc3Signer.sha256Hex(Tc3Signer.canonicalRequest(headers, payloadHash)));
        assertEquals("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
                Tc3Signer.signature("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "cvm", TIMESTAMP, headers, payloadHash));
        assertEquals("TC3-HMAC-SHA256 Credential=" + SECRET_ID + "/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, "
                        + "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
                Tc3Signer.authorization(SECRET_ID, "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "cvm", TIMESTAMP, headers, payloadHash));
    }

    @Test
    void publishedVectorTwoLowerCasesHeaderValues() {
        final String secretKey = "*".repeat(32);
        final SortedMap<String, String> headers = Tc3Signer.canonicalHeaders(Map.of(
                "content-type", CONTENT_TYPE, "host", HOST, "X-TC-Action", "DescribeInstances"));
        final String payloadHash = Tc3Signer.sha256Hex(PAYLOAD);

        assertEquals("content-type;host;x-tc-action", Tc3Signer.signedHeaderNames(headers));
        assertEquals("7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84",
                Tc3Signer.sha256Hex(Tc3Signer.canonicalRequest(headers, payloadHash)));
        assertEquals("b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af",
                HexFormat.of().formatHex(Tc3Signer.signingKey(secretKey, "2019-02-25", "cvm")));
        assertEquals("10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f",
                Tc3Signer.signature(secretKey, "cvm", TIMESTAMP, headers, payloadHash));
    }

    @Test
    void contentTypeAndHostMustBeSigned() {
        assertThrows(IllegalArgumentException.class, () -> Tc3Signer.canonicalHeaders(Map.of("host", HOST)));
    }
}

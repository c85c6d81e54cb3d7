package dev.nifiidcard.camera.grab;

import okhttp3.Challenge;
import okhttp3.HttpUrl;

import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A Digest challenge this client can answer (RFC 7616: MD5 or SHA-256, qop=auth or no qop as in RFC 2069), and the
 * Authorization value that answers it.
 */
record DigestChallenge(String realm, String nonce, String opaque, String algorithm, boolean qopAuth, boolean stale,
                       Charset charset) {

    /** The challenge, or {@code null} when it is not Digest or asks for something unsupported (auth-int, -sess). */
    static DigestChallenge of(final Challenge challenge) {
        if (!"Digest".equalsIgnoreCase(challenge.scheme())) {
            return null;
        }
        final Map<String, String> parameters = challenge.authParams();
        final String realm = parameters.get("realm");
        final String nonce = parameters.get("nonce");
        final String algorithm = javaAlgorithm(parameters.get("algorithm"));
        final String qop = parameters.get("qop");
        final boolean qopAuth = qop != null && hasToken(qop, "auth");
        if (realm == null || nonce == null || algorithm == null || (qop != null && !qopAuth)) {
            return null;
        }
        return new DigestChallenge(realm, nonce, parameters.get("opaque"), algorithm, qopAuth,
                "true".equalsIgnoreCase(parameters.get("stale")), challenge.charset());
    }

    /** The Authorization header value for a request; {@code nonceCount} counts the requests made with this nonce. */
    String authorization(final String username, final String password, final String method, final HttpUrl url,
                         final long nonceCount, final String clientNonce) {
        final String uri = url.encodedQuery() == null ? url.encodedPath() : url.encodedPath() + "?" + url.encodedQuery();
        final String ha1 = hash(username + ":" + realm + ":" + password);
        final String ha2 = hash(method + ":" + uri);
        final String nc = String.format(Locale.ROOT, "%08x", nonceCount);
        final String response = qopAuth
                ? hash(ha1 + ":" + nonce + ":" + nc + ":" + clientNonce + ":auth:" + ha2)
                : hash(ha1 + ":" + nonce + ":" + ha2);

        final StringBuilder header = new StringBuilder("Digest ")
                .append("username=").append(quoted(username))
                .append(", realm=").append(quoted(realm))
                .append(", nonce=").append(quoted(nonce))
                .append(", uri=").append(quoted(uri))
                .append(", algorithm=").append(algorithm)
                .append(", response=").append(quoted(response));
        if (qopAuth) {
            header.append(", qop=auth, nc=").append(nc).append(", cnonce=").append(quoted(clientNonce));
        }
        if (opaque != null) {
            header.append(", opaque=").append(quoted(opaque));
        }
        return header.toString();
    }

    private String hash(final String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(value.getBytes(charset)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }

    /** MD5 when absent (RFC 7616 section 3.3); the RFC's names are also the JCA's; {@code null} when unsupported. */
    private static String javaAlgorithm(final String algorithm) {
        if (algorithm == null || algorithm.equalsIgnoreCase("MD5")) {
            return "MD5";
        }
        return algorithm.equalsIgnoreCase("SHA-256") ? "SHA-256" : null;
    }

    private static boolean hasToken(final String list, final String token) {
        for (final String item : list.split(",")) {
            if (item.strip().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static String quoted(final String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}

package dev.nifiidcard.camera.grab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The camera's side of HTTP Digest (RFC 7616), written from the RFC rather than from the client: it issues nonces,
 * recomputes HA1, HA2 and the response from what the client sent, demands a rising nonce count per nonce, and can
 * expire a nonce so that its next use is answered with {@code stale=true}.
 */
public final class DigestVerifier {

    private static final Pattern PARAMETER = Pattern.compile("([a-zA-Z]+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");

    public enum Verdict { ACCEPTED, STALE, REFUSED }

    private final String realm;
    private final String username;
    private final String password;
    private final String algorithm;
    private final boolean qopAuth;
    private final String opaque = "0pa9ue";
    private final AtomicInteger nonces = new AtomicInteger(1);
    private final Set<String> staleNonces = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastNonceCounts = new ConcurrentHashMap<>();

    public DigestVerifier(final String realm, final String username, final String password, final String algorithm,
                   final boolean qopAuth) {
        this.realm = realm;
        this.username = username;
        this.password = password;
        this.algorithm = algorithm;
        this.qopAuth = qopAuth;
    }

    /** The WWW-Authenticate value for the current nonce. */
    public String challenge(final boolean stale) {
        return "Digest realm=\"" + realm + "\"" + (qopAuth ? ", qop=\"auth,auth-int\"" : "") + ", nonce=\"" + nonce()
                + "\", opaque=\"" + opaque + "\", algorithm=" + algorithm + (stale ? ", stale=true" : "");
    }

    /** From now on the current nonce is stale and a new one is issued. */
    void expireNonce() {
        staleNonces.add(nonce());
        nonces.incrementAndGet();
    }

    public Verdict verify(final String method, final String target, final String authorization) {
        if (authorization == null || !authorization.startsWith("Digest ")) {
            return Verdict.REFUSED;
        }
        final Map<String, String> sent = parameters(authorization.substring("Digest ".length()));
        if (staleNonces.contains(sent.get("nonce"))) {
            return Verdict.STALE;
        }
        final boolean matches = nonce().equals(sent.get("nonce")) && username.equals(sent.get("username"))
                && realm.equals(sent.get("realm")) && target.equals(sent.get("uri")) && opaque.equals(sent.get("opaque"))
                && algorithm.equals(sent.get("algorithm"));
        if (!matches) {
            return Verdict.REFUSED;
        }
        final String ha1 = hash(username + ":" + realm + ":" + password);
        final String ha2 = hash(method + ":" + target);
        if (!qopAuth) {
            return hash(ha1 + ":" + sent.get("nonce") + ":" + ha2).equals(sent.get("response")) ? Verdict.ACCEPTED : Verdict.REFUSED;
        }
        if (!"auth".equals(sent.get("qop")) || sent.get("cnonce") == null || sent.get("nc") == null
                || !sent.get("nc").matches("[0-9a-f]{8}")) {
            return Verdict.REFUSED;
        }
        final String expected = hash(ha1 + ":" + sent.get("nonce") + ":" + sent.get("nc") + ":" + sent.get("cnonce")
                + ":auth:" + ha2);
        if (!expected.equals(sent.get("response"))) {
            return Verdict.REFUSED;
        }
        final long nonceCount = Long.parseLong(sent.get("nc"), 16);
        final Long previous = lastNonceCounts.put(sent.get("nonce"), nonceCount);
        return previous == null || nonceCount > previous ? Verdict.ACCEPTED : Verdict.REFUSED;
    }

    private String nonce() {
        return "nonce-" + nonces.get();
    }

    private String hash(final String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (final NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> parameters(final String value) {
        final Map<String, String> parameters = new HashMap<>();
        final Matcher matcher = PARAMETER.matcher(value);
        while (matcher.find()) {
            final String quoted = matcher.group(2);
            parameters.put(matcher.group(1).toLowerCase(), quoted != null ? quoted.replaceAll("\\\\(.)", "$1") : matcher.group(3));
        }
        return parameters;
    }
}

package dev.nifiidcard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Tencent Cloud IDCardOCR endpoint for tests. Every request's TC3-HMAC-SHA256 signature is recomputed
 * here from the raw bytes received, with code written independently of the bundle's signer, and refused the way
 * Tencent refuses it. Answers come from a script of responders, then from a fallback.
 */
public final class TencentOcrTestServer implements AutoCloseable {

    public static final String SECRET_ID = "AKIDtestOnly0000000000000000EXAMPLE";
    public static final String SECRET_KEY = "testOnlySecretKey000000000EXAMPLE";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([a-z]+)/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

    /** One request as the server saw it. */
    public record Call(Headers headers, JsonNode body, byte[] image, String refusal) {

        public String header(final String name) {
            return headers.get(name);
        }

        /** The Config JSON string the client sent, parsed, or an empty object. */
        public JsonNode config() {
            try {
                return body.hasNonNull("Config") ? MAPPER.readTree(body.get("Config").asText()) : MAPPER.createObjectNode();
            } catch (final IOException e) {
                throw new AssertionError("Config is not JSON", e);
            }
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final Queue<Function<Call, MockResponse>> script = new ConcurrentLinkedQueue<>();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Call, MockResponse> fallback = call -> ok(frontCard());
    private volatile Clock clock = Clock.systemUTC();

    public TencentOcrTestServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(final RecordedRequest request) {
                return answer(request);
            }
        });
        server.start();
    }

    public String url() {
        return server.url("/").toString();
    }

    /** Answers the next request with this responder, before the fallback. */
    public TencentOcrTestServer then(final Function<Call, MockResponse> responder) {
        script.add(responder);
        return this;
    }

    public TencentOcrTestServer then(final MockResponse response) {
        return then(call -> response);
    }

    public void setFallback(final Function<Call, MockResponse> fallback) {
        this.fallback = fallback;
    }

    public void setClock(final Clock clock) {
        this.clock = clock;
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public int requestCount() {
        return server.getRequestCount();
    }

    @Override
    public void close() {
        server.close();
    }

    private MockResponse answer(final RecordedRequest request) {
        final byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
        final String refusal = refusal(request, body);
        JsonNode json = MAPPER.createObjectNode();
        byte[] image = null;
        if (refusal == null) {
            try {
                json = MAPPER.readTree(body);
                image = Base64.getDecoder().decode(json.path("ImageBase64").asText());
            } catch (final IOException | IllegalArgumentException e) {
                final Call call = new Call(request.getHeaders(), json, null, "InvalidParameter");
                calls.add(call);
                return ok(error("InvalidParameter", "The body is not valid JSON with a base64 image"));
            }
        }
        final Call call = new Call(request.getHeaders(), json, image, refusal);
        calls.add(call);
        if (refusal != null) {
            return ok(error(refusal, "Refused by the test server: " + refusal));
        }
        final Function<Call, MockResponse> next = script.poll();
        return (next != null ? next : fallback).apply(call);
    }

    /** The AuthFailure code Tencent would answer, or null when the request is correctly signed. */
    private String refusal(final RecordedRequest request, final byte[] body) {
        final Headers headers = request.getHeaders();
        final String authorization = headers.get("Authorization");
        final Matcher auth = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (auth == null || !auth.matches()) {
            return "AuthFailure.InvalidAuthorization";
        }
        if (!SECRET_ID.equals(auth.group(1))) {
            return "AuthFailure.SecretIdNotFound";
        }
        final long timestamp;
        try {
            timestamp = Long.parseLong(headers.get("X-TC-Timestamp"));
        } catch (final NumberFormatException | NullPointerException e) {
            return "MissingParameter";
        }
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > 300) {
            return "AuthFailure.SignatureExpire";
        }
        final String date = Instant.ofEpochSecond(timestamp).atZone(ZoneOffset.UTC).toLocalDate().toString();
        final String signedHeaders = auth.group(4);
        if (!date.equals(auth.group(2)) || !"ocr".equals(auth.group(3))
                || !signedHeaders.contains("content-type") || !signedHeaders.contains("host")
                || !"POST".equals(request.getMethod()) || !"/".equals(request.getUrl().encodedPath())) {
            return "AuthFailure.SignatureFailure";
        }
        final StringBuilder canonical = new StringBuilder("POST\n/\n\n");
        for (final String name : signedHeaders.split(";")) {
            final String value = headers.get(name);
            if (value == null) {
                return "AuthFailure.SignatureFailure";
            }
            canonical.append(name).append(':').append(value.trim().toLowerCase(Locale.ROOT)).append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n').append(hex(sha256(body)));
        final String scope = date + "/ocr/tc3_request";
        final String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("TC3" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, "ocr");
        key = hmac(key, "tc3_request");
        final String expected = hex(hmac(key, stringToSign));
        return expected.equals(auth.group(5)) ? null : "AuthFailure.SignatureFailure";
    }

    // ---- answers ----

    public static MockResponse ok(final ObjectNode response) {
        final ObjectNode root = MAPPER.createObjectNode();
        response.put("RequestId", UUID.randomUUID().toString());
        root.set("Response", response);
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(root.toString())
                .build();
    }

    public static MockResponse raw(final int code, final String contentType, final String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", contentType).body(body).build();
    }

    public static ObjectNode error(final String code, final String message) {
        final ObjectNode response = MAPPER.createObjectNode();
        response.putObject("Error").put("Code", code).put("Message", message);
        return response;
    }

    /** Tencent's documented front-side sample: 李明, born 1987-01-01, male, 440524198701010014. */
    public static ObjectNode frontCard() {
        return frontCard("李明", "男", "1987/1/1", "440524198701010014");
    }

    public static ObjectNode frontCard(final String name, final String sex, final String birth, final String number) {
        final ObjectNode response = emptyCard();
        response.put("Name", name).put("Sex", sex).put("Nation", "汉").put("Birth", birth)
                .put("Address", "北京市石景山区高新技术园腾讯大楼").put("IdNum", number);
        return response;
    }

    public static ObjectNode backCard(final String validDate) {
        final ObjectNode response = emptyCard();
        response.put("Authority", "深圳市公安局南山分局").put("ValidDate", validDate);
        return response;
    }

    public static ObjectNode emptyCard() {
        final ObjectNode response = MAPPER.createObjectNode();
        for (final String field : List.of("Name", "Sex", "Nation", "Birth", "Address", "IdNum", "Authority", "ValidDate")) {
            response.put(field, "");
        }
        response.put("AdvancedInfo", "{\"WarnInfos\":[]}");
        response.putArray("ReflectDetailInfos");
        return response;
    }

    /** Sets AdvancedInfo (a JSON string) with the given quality (or null), warning codes and crops (or null). */
    public static ObjectNode withAdvancedInfo(final ObjectNode response, final Integer quality, final List<Integer> warnings,
                                              final byte[] card, final byte[] portrait) {
        final ObjectNode advanced = MAPPER.createObjectNode();
        final ArrayNode warnInfos = advanced.putArray("WarnInfos");
        warnings.forEach(warnInfos::add);
        if (quality != null) {
            advanced.put("Quality", quality);
        }
        if (card != null) {
            advanced.put("IdCard", Base64.getEncoder().encodeToString(card));
        }
        if (portrait != null) {
            advanced.put("Portrait", Base64.getEncoder().encodeToString(portrait));
        }
        response.put("AdvancedInfo", advanced.toString());
        return response;
    }

    // ---- crypto, written apart from the bundle's signer on purpose ----

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

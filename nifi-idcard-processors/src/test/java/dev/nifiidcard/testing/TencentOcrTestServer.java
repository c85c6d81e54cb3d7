package dev.nifiidcard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLSocketFactory;

/**
 * A local Tencent Cloud IDCardOCR endpoint for tests. Every request's TC3-HMAC-SHA256 signature is recomputed from
 * the raw bytes received by {@link Tc3RequestVerifier}, and refused the way Tencent refuses it. Answers come from a
 * script of responders, then from a fallback.
 */
public final class TencentOcrTestServer extends ScriptedTestServer<TencentOcrTestServer.Call, TencentOcrTestServer> {

    public static final String SECRET_ID = "AKIDtestOnly0000000000000000EXAMPLE";
    public static final String SECRET_KEY = "testOnlySecretKey000000000EXAMPLE";

    private static final ObjectMapper MAPPER = new ObjectMapper();

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

    private volatile Clock clock = Clock.systemUTC();

    public TencentOcrTestServer() throws IOException {
        this(null);
    }

    /** Serves HTTPS with the given server socket factory, or plain HTTP when it is null. */
    public TencentOcrTestServer(final SSLSocketFactory https) throws IOException {
        super(call -> ok(frontCard()));
        serve(https);
    }

    public void setClock(final Clock clock) {
        this.clock = clock;
    }

    @Override
    protected MockResponse answer(final RecordedRequest request) {
        final byte[] body = body(request);
        final String refusal = refusal(request, body);
        JsonNode json = MAPPER.createObjectNode();
        byte[] image = null;
        if (refusal == null) {
            try {
                json = MAPPER.readTree(body);
                image = Base64.getDecoder().decode(json.path("ImageBase64").asText());
            } catch (final IOException | IllegalArgumentException e) {
                record(new Call(request.getHeaders(), json, null, "InvalidParameter"));
                return ok(error("InvalidParameter", "The body is not valid JSON with a base64 image"));
            }
        }
        final Call call = new Call(request.getHeaders(), json, image, refusal);
        record(call);
        if (refusal != null) {
            // like Tencent, say what time it is: clients learn their clock skew from it
            return ok(error(refusal, "Refused by the test server: " + refusal)).newBuilder()
                    .setHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC)))
                    .build();
        }
        return scripted(call);
    }

    private String refusal(final RecordedRequest request, final byte[] body) {
        final Headers headers = request.getHeaders();
        // over HTTP/2 the host travels as the :authority pseudo-header
        return Tc3RequestVerifier.refusal(request.getMethod(), request.getUrl().encodedPath(),
                name -> "host".equals(name) && headers.get(name) == null ? headers.get(":authority") : headers.get(name),
                body, clock.instant().getEpochSecond(), SECRET_ID, SECRET_KEY);
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
}

package dev.nifiidcard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local WeChat API for tests. {@code GET /cgi-bin/token} checks the App ID and App Secret and issues access tokens
 * (counted; they can be expired or revoked on demand). {@code POST /cv/ocr/idcard} checks the access token and the
 * {@code type} query parameter, parses the multipart body and keeps the {@code img} part's bytes, and refuses the
 * way WeChat refuses: with HTTP 200 and an {@code errcode}. Accepted recognitions are answered from a script of
 * responders, then from a fallback.
 */
public final class WeChatTestServer extends ScriptedTestServer<WeChatTestServer.Call, WeChatTestServer> {

    public static final String APP_ID = "wx0123456789abcdef";
    public static final String APP_SECRET = "testOnlyAppSecret000000000000SECRET";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One recognition request as the server saw it.
     *
     * @param refusal the errcode the server refused it with before any script, or null when it was accepted
     */
    public record Call(HttpUrl url, Headers headers, String accessToken, String type, Upload upload, Integer refusal) {

        public byte[] image() {
            return upload == null ? null : upload.bytes();
        }

        public String header(final String name) {
            return headers.get(name);
        }
    }

    /** The multipart body of a recognition: its one part's name, file name, content type and bytes. */
    public record Upload(int parts, String name, String fileName, MediaType contentType, byte[] bytes) {
    }

    /** One token request: its URL, the JSON body it carried, and the errcode it was refused with or null. */
    public record TokenCall(HttpUrl url, JsonNode body, Integer refusal) {
    }

    private final TokenDesk tokens = new TokenDesk();
    private final Queue<Function<TokenCall, MockResponse>> tokenScript = new ConcurrentLinkedQueue<>();
    private final List<TokenCall> tokenCalls = Collections.synchronizedList(new ArrayList<>());
    private volatile CountDownLatch tokenRequested;
    private volatile CountDownLatch tokenRelease;

    /** {@link #calls()}, {@link #then} and the fallback are about recognitions; token requests have their own. */
    public WeChatTestServer() throws IOException {
        super(call -> ok(frontCard()));
        serve(null);
    }

    /** Answers the next token request with this response instead of checking it and issuing a token. */
    public WeChatTestServer thenToken(final MockResponse response) {
        tokenScript.add(call -> response);
        return this;
    }

    /**
     * Holds every token answer until {@link #releaseTokens()}; the returned latch opens when the first token request
     * has arrived.
     */
    public CountDownLatch holdTokens() {
        tokenRequested = new CountDownLatch(1);
        tokenRelease = new CountDownLatch(1);
        return tokenRequested;
    }

    public void releaseTokens() {
        tokenRelease.countDown();
    }

    /** Every token issued so far is expired from now on: recognitions with it are refused with 42001. */
    public void expireTokens() {
        tokens.expireAll();
    }

    /** Every token issued so far is revoked, as when another client fetched a newer one: refused with 40001. */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    /** Tokens issued, that is token requests that were accepted. */
    public int tokensIssued() {
        return tokens.issued();
    }

    /** Whether a token issued so far is still accepted. */
    public boolean hasValidToken() {
        return tokens.anyValid();
    }

    /** Every token issued so far, whatever became of it. */
    public Set<String> issuedTokens() {
        return tokens.all();
    }

    public List<TokenCall> tokenCalls() {
        synchronized (tokenCalls) {
            return List.copyOf(tokenCalls);
        }
    }

    @Override
    protected MockResponse answer(final RecordedRequest request) {
        final HttpUrl url = request.getUrl();
        if ("POST".equals(request.getMethod()) && TokenDesk.PATH.equals(url.encodedPath())) {
            return token(url, TokenDesk.parse(body(request)));
        }
        if (!"POST".equals(request.getMethod()) || !RECOGNITION_PATH.equals(url.encodedPath())) {
            return raw(404, "text/plain", "Not Found");
        }
        final String token = url.queryParameter("access_token");
        final String type = url.queryParameter("type");
        Integer refusal = tokens.refusal(token);
        if (refusal == null && !("photo".equals(type) || "scan".equals(type))) {
            refusal = INVALID_ARGS;
        }
        Upload upload = null;
        if (refusal == null) {
            try {
                upload = readUpload(request.getHeaders().get("Content-Type"), body(request));
            } catch (final IOException e) {
                refusal = MEDIA_DATA_MISSING;
            }
        }
        final Call call = new Call(url, request.getHeaders(), token, type, upload, refusal);
        record(call);
        if (refusal != null) {
            return ok(error(refusal, REFUSALS.get(refusal)));
        }
        return scripted(call);
    }

    private MockResponse token(final HttpUrl url, final JsonNode body) {
        final CountDownLatch requested = tokenRequested;
        if (requested != null) {
            requested.countDown();
            try {
                if (!tokenRelease.await(30, TimeUnit.SECONDS)) {
                    return raw(500, "text/plain", "token answers held too long");
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return raw(500, "text/plain", "interrupted");
            }
        }
        final Function<TokenCall, MockResponse> scripted = tokenScript.poll();
        if (scripted != null) {
            final TokenCall call = new TokenCall(url, body, null);
            tokenCalls.add(call);
            return scripted.apply(call);
        }
        final ObjectNode answer = tokens.answer(body);
        tokenCalls.add(new TokenCall(url, body, answer.has("errcode") ? answer.get("errcode").asInt() : null));
        return json(answer);
    }

    // ---- what WeChat checks, shared with PlainWeChatEndpoint ----

    static final String RECOGNITION_PATH = "/cv/ocr/idcard";
    static final int INVALID_ARGS = 40097;
    static final int MEDIA_DATA_MISSING = 41005;

    /** errmsg of the refusals the server makes by itself, as WeChat words them. */
    static final Map<Integer, String> REFUSALS = Map.of(
            40001, "invalid credential, access_token is invalid or not latest",
            40013, "invalid appid",
            40125, "invalid appsecret",
            41001, "access_token missing",
            42001, "access_token expired",
            INVALID_ARGS, "invalid args",
            MEDIA_DATA_MISSING, "media data missing");

    /**
     * Issues and checks access tokens like cgi-bin/stable_token: while a token is valid, every caller (every NiFi node)
     * gets that same token, unless it asks for force_refresh.
     */
    static final class TokenDesk {
        static final String PATH = "/cgi-bin/stable_token";

        private enum State { VALID, EXPIRED, REVOKED }

        private final Map<String, State> issued = new ConcurrentHashMap<>();
        private final AtomicInteger count = new AtomicInteger();

        /** A token request's JSON body; what is not JSON is an empty object, refused as WeChat would. */
        static JsonNode parse(final byte[] body) {
            try {
                final JsonNode json = MAPPER.readTree(body);
                return json == null ? MAPPER.createObjectNode() : json;
            } catch (final IOException e) {
                return MAPPER.createObjectNode();
            }
        }

        /** The answer to a token request: the valid token, a new one, or the errcode WeChat refuses the request with. */
        synchronized ObjectNode answer(final JsonNode request) {
            if (!"client_credential".equals(request.path("grant_type").asText())) {
                return error(40002, "invalid grant_type");
            }
            if (!APP_ID.equals(request.path("appid").asText())) {
                return error(40013, REFUSALS.get(40013));
            }
            if (!APP_SECRET.equals(request.path("secret").asText())) {
                return error(40125, REFUSALS.get(40125));
            }
            if (!request.path("force_refresh").asBoolean(false)) {
                for (final Map.Entry<String, State> token : issued.entrySet()) {
                    if (token.getValue() == State.VALID) {
                        return MAPPER.createObjectNode().put("access_token", token.getKey()).put("expires_in", 7200);
                    }
                }
            }
            // WeChat's tokens are long opaque strings of letters, digits, - and _
            final String token = count.incrementAndGet() + "_TOKEN_" + UUID.randomUUID().toString().replace("-", "");
            issued.replaceAll((old, state) -> state == State.VALID ? State.REVOKED : state);
            issued.put(token, State.VALID);
            return MAPPER.createObjectNode().put("access_token", token).put("expires_in", 7200);
        }

        /** The errcode a recognition with this token is refused with, or null when the token is valid. */
        Integer refusal(final String token) {
            if (token == null || token.isEmpty()) {
                return 41001;
            }
            final State state = issued.get(token);
            if (state == null || state == State.REVOKED) {
                return 40001;
            }
            return state == State.EXPIRED ? 42001 : null;
        }

        void expireAll() {
            issued.replaceAll((token, state) -> State.EXPIRED);
        }

        void revokeAll() {
            issued.replaceAll((token, state) -> State.REVOKED);
        }

        int issued() {
            return count.get();
        }

        boolean anyValid() {
            return issued.containsValue(State.VALID);
        }

        Set<String> all() {
            return Set.copyOf(issued.keySet());
        }
    }

    /** Parses a multipart/form-data body; WeChat's recognition takes exactly one part, named img, with a file name. */
    static Upload readUpload(final String contentType, final byte[] body) throws IOException {
        final MediaType type = contentType == null ? null : MediaType.parse(contentType);
        if (type == null || !"multipart".equals(type.type()) || !"form-data".equals(type.subtype()) || type.parameter("boundary") == null) {
            throw new IOException("not multipart/form-data: " + contentType);
        }
        final List<Upload> parts = new ArrayList<>();
        try (MultipartReader reader = new MultipartReader(new Buffer().write(body), type.parameter("boundary"))) {
            for (MultipartReader.Part next = reader.nextPart(); next != null; next = reader.nextPart()) {
                try (MultipartReader.Part part = next) {
                    final String disposition = part.headers().get("Content-Disposition");
                    final String partType = part.headers().get("Content-Type");
                    parts.add(new Upload(0, dispositionParameter(disposition, "name"), dispositionParameter(disposition, "filename"),
                            partType == null ? null : MediaType.parse(partType), part.body().readByteArray()));
                }
            }
        }
        final Upload image = parts.stream().filter(part -> "img".equals(part.name())).findFirst()
                .orElseThrow(() -> new IOException("no img part"));
        if (image.fileName() == null) {
            throw new IOException("the img part has no file name");
        }
        return new Upload(parts.size(), image.name(), image.fileName(), image.contentType(), image.bytes());
    }

    private static String dispositionParameter(final String disposition, final String name) {
        if (disposition == null) {
            return null;
        }
        for (final String parameter : disposition.split(";")) {
            final String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equals(name)) {
                return pair[1].trim().replaceAll("^\"|\"$", "");
            }
        }
        return null;
    }

    // ---- answers ----

    public static MockResponse ok(final ObjectNode answer) {
        return json(answer);
    }

    private static MockResponse json(final ObjectNode answer) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json; encoding=utf-8")
                .body(answer.toString())
                .build();
    }

    /** An error answer, its errmsg ending with a rid as WeChat's do. */
    public static ObjectNode error(final int errcode, final String errmsg) {
        return MAPPER.createObjectNode().put("errcode", errcode).put("errmsg", errmsg + " rid: " + rid());
    }

    /** A rid as WeChat prints them: three groups of 8 hex digits. */
    public static String rid() {
        final String hex = UUID.randomUUID().toString().replace("-", "");
        return hex.substring(0, 8) + "-" + hex.substring(8, 16) + "-" + hex.substring(16, 24);
    }

    /** WeChat's documented front sample, with Tencent's valid number: errcode as the string "0", as the sample has it. */
    public static ObjectNode frontCard() {
        return frontCard("李明", "男", "440524198701010014");
    }

    public static ObjectNode frontCard(final String name, final String gender, final String number) {
        return MAPPER.createObjectNode()
                .put("errcode", "0")
                .put("errmsg", "ok")
                .put("type", "Front")
                .put("name", name)
                .put("id", number)
                .put("addr", "广东省广州市")
                .put("gender", gender)
                .put("nationality", "汉");
    }

    /** WeChat's documented back sample shape: errcode the number 0. */
    public static ObjectNode backCard(final String validDate) {
        return MAPPER.createObjectNode()
                .put("errcode", 0)
                .put("errmsg", "ok")
                .put("type", "Back")
                .put("valid_date", validDate);
    }
}

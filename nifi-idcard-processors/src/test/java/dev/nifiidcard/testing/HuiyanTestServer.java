package dev.nifiidcard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.Buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A local Tencent Huiyan KYC endpoint for tests: it issues access tokens for {@link #APP_ID} and {@link #SECRET},
 * SIGN tickets for live tokens, and checks every {@code idcardocrapp} call the way Huiyan does: fields, order number
 * in the query and the body, and the sign recomputed here with MessageDigest over the sorted values and each ticket
 * it issued (apart from the bundle's signer on purpose). Tickets and tokens can be expired on demand.
 * <p>
 * Huiyan documents no refusal codes, so the codes below are this server's own placeholders; the messages carry the
 * meaning, as the service reads them.
 */
public final class HuiyanTestServer extends ScriptedTestServer<HuiyanTestServer.Call, HuiyanTestServer> {

    public static final String APP_ID = "IDAtest1";
    public static final String SECRET = "huiyanSecretTESTONLY00000000";
    public static final String VERSION = "1.0.0";
    public static final String TOKEN_PATH = "/api/oauth2/access_token";
    public static final String TICKET_PATH = "/api/oauth2/api_ticket";
    public static final String OCR_PATH = "/api/paas/idcardocrapp";

    public static final String BAD_CREDENTIALS = "990001";
    public static final String TOKEN_EXPIRED = "990002";
    public static final String SIGN_INVALID = "990003";
    public static final String TICKET_EXPIRED = "990004";
    public static final String BAD_REQUEST = "990005";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ALPHANUMERIC_32 = Pattern.compile("[A-Za-z0-9]{32}");
    private static final Pattern ORDER_OR_USER = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One recognition call as the server saw it. */
    public record Call(String queryOrderNo, String contentType, JsonNode body, byte[] image, String refusal) {

        public String field(final String name) {
            return body.hasNonNull(name) ? body.get(name).asText() : null;
        }

        public String orderNo() {
            return field("orderNo");
        }
    }

    /** Holds ticket answers until opened, to have callers arrive while a ticket is being fetched. */
    public static final class TicketGate {
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        public boolean awaitArrival() throws InterruptedException {
            return arrived.await(10, TimeUnit.SECONDS);
        }

        public void open() {
            open.countDown();
        }

        private void pass() {
            arrived.countDown();
            try {
                if (!open.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The ticket gate was never opened");
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final LoopbackHttpServer jdkServer;
    private final Queue<MockResponse> tokenScript = new ConcurrentLinkedQueue<>();
    private final Queue<MockResponse> ticketScript = new ConcurrentLinkedQueue<>();
    private final Set<String> liveTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, String> liveTickets = new ConcurrentHashMap<>();
    private final Set<String> deadTickets = ConcurrentHashMap.newKeySet();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenFetches = new AtomicInteger();
    private final AtomicInteger ticketFetches = new AtomicInteger();
    private final AtomicInteger ticketFetchesInFlight = new AtomicInteger();
    private final AtomicInteger maxTicketFetchesInFlight = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile TicketGate ticketGate;

    /** On MockWebServer. */
    public HuiyanTestServer() throws IOException {
        this(false);
    }

    private HuiyanTestServer(final boolean onJdkHttpServer) throws IOException {
        super(call -> ok(call, frontCard()));
        if (onJdkHttpServer) {
            jdkServer = new LoopbackHttpServer(this::answer);
        } else {
            jdkServer = null;
            serve(null);
        }
    }

    /**
     * On the JDK's own HTTP server: unlike MockWebServer it does not read requests through Okio, so it never competes
     * with the client for Okio's shared segment pool, and allocation measured on the client thread is the client's own.
     * Scripted answers are sent as status, Content-Type and body only.
     */
    public static HuiyanTestServer onJdkHttpServer() throws IOException {
        return new HuiyanTestServer(true);
    }

    @Override
    public String url() {
        return jdkServer != null ? jdkServer.url() : super.url();
    }

    /** Answers the next access token request with this, instead of a token. */
    public HuiyanTestServer thenToken(final MockResponse response) {
        tokenScript.add(response);
        return this;
    }

    /** Answers the next SIGN ticket request with this, instead of a ticket. */
    public HuiyanTestServer thenTicket(final MockResponse response) {
        ticketScript.add(response);
        return this;
    }

    /** Holds the next ticket answers until the gate opens. */
    public TicketGate gateTickets() {
        final TicketGate gate = new TicketGate();
        ticketGate = gate;
        return gate;
    }

    /** Every ticket issued so far stops being accepted, as when Huiyan rotates them. */
    public void expireTickets() {
        // one by one, dead before no longer live: a ticket issued meanwhile is never left neither live nor dead
        for (final String ticket : liveTickets.keySet()) {
            deadTickets.add(ticket);
            liveTickets.remove(ticket);
        }
    }

    /** Every token issued so far stops being accepted, and with it every ticket issued for it. */
    public void expireTokens() {
        liveTokens.clear();
        expireTickets();
    }

    /** Whether an access token issued so far is still accepted. */
    public boolean hasLiveToken() {
        return !liveTokens.isEmpty();
    }

    /** Whether a SIGN ticket issued so far is still accepted. */
    public boolean hasLiveTicket() {
        return !liveTickets.isEmpty();
    }

    public int tokenFetches() {
        return tokenFetches.get();
    }

    public int ticketFetches() {
        return ticketFetches.get();
    }

    /** The most ticket requests the server was answering at the same time. */
    public int maxConcurrentTicketFetches() {
        return maxTicketFetchesInFlight.get();
    }

    /** Every access token and SIGN ticket issued so far: secrets that must never surface. */
    public Set<String> issuedCredentials() {
        return Set.copyOf(issued);
    }

    /** Every request received, of every kind, on either server. */
    @Override
    public int requestCount() {
        return requests.get();
    }

    @Override
    public void close() {
        super.close();
        if (jdkServer != null) {
            jdkServer.close();
        }
    }

    // ---- the protocol ----

    @Override
    protected MockResponse answer(final RecordedRequest request) {
        return answer(request.getMethod(), request.getUrl(), request.getHeaders().get("Content-Type"), body(request));
    }

    private MockResponse answer(final String method, final HttpUrl url, final String contentType, final byte[] body) {
        requests.incrementAndGet();
        return switch (url.encodedPath()) {
            case TOKEN_PATH -> "GET".equals(method) ? token(url) : error(BAD_REQUEST, "GET only");
            case TICKET_PATH -> "GET".equals(method) ? ticket(url) : error(BAD_REQUEST, "GET only");
            case OCR_PATH -> "POST".equals(method) ? recognition(url, contentType, body) : error(BAD_REQUEST, "POST only");
            default -> new MockResponse.Builder().code(404).body("not found").build();
        };
    }

    private MockResponse token(final HttpUrl url) {
        tokenFetches.incrementAndGet();
        final MockResponse scripted = tokenScript.poll();
        if (scripted != null) {
            return scripted;
        }
        if (!APP_ID.equals(url.queryParameter("app_id")) || !SECRET.equals(url.queryParameter("secret"))) {
            return error(BAD_CREDENTIALS, "app_id 或 secret 不正确");
        }
        if (!"client_credential".equals(url.queryParameter("grant_type")) || !VERSION.equals(url.queryParameter("version"))) {
            return error(BAD_REQUEST, "grant_type 或 version 参数错误");
        }
        final String token = random(32);
        liveTokens.add(token);
        issued.add(token);
        final ObjectNode answer = success();
        answer.put("access_token", token).put("expire_time", "20991231235959").put("expire_in", 7200);
        return json(answer);
    }

    private MockResponse ticket(final HttpUrl url) {
        ticketFetches.incrementAndGet();
        final int inFlight = ticketFetchesInFlight.incrementAndGet();
        maxTicketFetchesInFlight.accumulateAndGet(inFlight, Math::max);
        try {
            final TicketGate gate = ticketGate;
            if (gate != null) {
                gate.pass();
            }
            final MockResponse scripted = ticketScript.poll();
            if (scripted != null) {
                return scripted;
            }
            if (!APP_ID.equals(url.queryParameter("app_id"))) {
                return error(BAD_CREDENTIALS, "app_id 不正确");
            }
            if (!"SIGN".equals(url.queryParameter("type")) || !VERSION.equals(url.queryParameter("version"))) {
                return error(BAD_REQUEST, "type 或 version 参数错误");
            }
            final String token = url.queryParameter("access_token");
            if (token == null || !liveTokens.contains(token)) {
                return error(TOKEN_EXPIRED, "access_token 已失效");
            }
            final String ticket = random(64);
            liveTickets.put(ticket, token);
            issued.add(ticket);
            final ObjectNode answer = success();
            // expire_in as a string, as in Huiyan's own sample
            answer.putArray("tickets").addObject().put("value", ticket).put("expire_in", "3600").put("expire_time", "20991231235959");
            return json(answer);
        } finally {
            ticketFetchesInFlight.decrementAndGet();
        }
    }

    private MockResponse recognition(final HttpUrl url, final String contentType, final byte[] body) {
        JsonNode json = MAPPER.createObjectNode();
        byte[] image = null;
        String refusal;
        try {
            json = MAPPER.readTree(body);
            refusal = refusal(url, contentType, json);
            if (refusal == null) {
                refusal = signRefusal(json);
            }
            if (refusal == null) {
                image = Base64.getDecoder().decode(json.path("idcardStr").asText());
            }
        } catch (final IOException | IllegalArgumentException e) {
            refusal = BAD_REQUEST;
        }
        final Call call = new Call(url.queryParameter("orderNo"), contentType, json, image, refusal);
        record(call);
        if (refusal != null) {
            return switch (refusal) {
                case TICKET_EXPIRED -> error(TICKET_EXPIRED, "SIGN ticket 已过期");
                case SIGN_INVALID -> error(SIGN_INVALID, "签名校验失败");
                default -> error(BAD_REQUEST, "参数错误");
            };
        }
        return scripted(call);
    }

    private static String refusal(final HttpUrl url, final String contentType, final JsonNode body) {
        if (contentType == null || !contentType.startsWith("application/json")) {
            return BAD_REQUEST;
        }
        final String orderNo = body.path("orderNo").asText(null);
        final String nonce = body.path("nonce").asText("");
        final String userId = body.path("userId").asText(null);
        if (!APP_ID.equals(body.path("appId").asText()) || !VERSION.equals(body.path("version").asText())
                || !ALPHANUMERIC_32.matcher(nonce).matches()
                || orderNo == null || !ORDER_OR_USER.matcher(orderNo).matches() || !orderNo.equals(url.queryParameter("orderNo"))
                || (userId != null && !ORDER_OR_USER.matcher(userId).matches())
                || (body.has("getNative") && !"1".equals(body.get("getNative").asText()))
                || !body.path("idcardStr").isTextual()) {
            return BAD_REQUEST;
        }
        return null;
    }

    private String signRefusal(final JsonNode body) {
        final String sign = body.path("sign").asText("");
        // live first: a ticket expired since is dead by the time the dead ones are read (expireTickets)
        final List<String> live = List.copyOf(liveTickets.keySet());
        final Set<String> dead = new HashSet<>(deadTickets);
        for (final String ticket : live) {
            if (sign.equalsIgnoreCase(expectedSign(body, ticket))) {
                return null;
            }
        }
        for (final String ticket : dead) {
            if (sign.equalsIgnoreCase(expectedSign(body, ticket))) {
                return TICKET_EXPIRED;
            }
        }
        return SIGN_INVALID;
    }

    /** SHA-1 over appId, orderNo, version, ticket and nonce, sorted as plain ASCII and joined, in upper-case hex. */
    public static String expectedSign(final JsonNode body, final String ticket) {
        final String[] values = {body.path("appId").asText(), body.path("orderNo").asText(), body.path("version").asText(),
                ticket, body.path("nonce").asText()};
        Arrays.sort(values);
        try {
            final MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().withUpperCase().formatHex(sha1.digest(String.join("", values).getBytes(StandardCharsets.US_ASCII)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the JDK server ----

    private void answer(final HttpExchange exchange) throws IOException {
        final byte[] body = exchange.getRequestBody().readAllBytes();
        final HttpUrl url = HttpUrl.get("http://127.0.0.1" + exchange.getRequestURI());
        final MockResponse response = answer(exchange.getRequestMethod(), url, exchange.getRequestHeaders().getFirst("Content-Type"), body);
        final Buffer answer = new Buffer();
        if (response.getBody() != null) {
            response.getBody().writeTo(answer);
        }
        LoopbackHttpServer.reply(exchange, response.getCode(), response.getHeaders().get("Content-Type"), answer.readByteArray());
    }

    // ---- answers ----

    /** A successful recognition of the call with these card fields, echoing its order number. */
    public static MockResponse ok(final Call call, final ObjectNode card) {
        final String bizSeqNo = digits(32);
        final ObjectNode answer = success();
        answer.put("bizSeqNo", bizSeqNo);
        final ObjectNode result = answer.putObject("result");
        result.put("bizSeqNo", bizSeqNo).put("transactionTime", "20260101120000").put("ocrId", random(32))
                .put("orderNo", call.orderNo());
        result.setAll(card);
        result.put("sign", random(40)).put("retry", "1").put("success", false);
        answer.put("transactionTime", "20260101120000");
        return json(answer);
    }

    /** A refusal as Huiyan answers it: HTTP 200 with a code other than 0, and a bizSeqNo. */
    public static MockResponse error(final String code, final String message) {
        final ObjectNode answer = MAPPER.createObjectNode();
        answer.put("code", code).put("msg", message).put("bizSeqNo", digits(32)).put("transactionTime", "20260101120000");
        return json(answer);
    }

    /** A refusal without a bizSeqNo. */
    public static MockResponse errorWithoutBizSeqNo(final String code, final String message) {
        final ObjectNode answer = MAPPER.createObjectNode();
        answer.put("code", code).put("msg", message);
        return json(answer);
    }

    /** Huiyan's front-side sample with Tencent's documented card: 李明, born 1987-01-01, male, 440524198701010014. */
    public static ObjectNode frontCard() {
        final ObjectNode card = MAPPER.createObjectNode();
        card.put("name", "李明").put("sex", "男").put("nation", "汉").put("birth", "19870101")
                .put("address", "北京市石景山区高新技术园腾讯大楼").put("idcard", "440524198701010014")
                .put("warning", "00000000").put("multiWarning", "00000000").put("clarity", "64")
                .put("nativePlace", "广东省汕头市潮阳县");
        return card;
    }

    /** Huiyan's back-side sample with this validity, for example 20190128-20390128. */
    public static ObjectNode backCard(final String validDate) {
        final ObjectNode card = MAPPER.createObjectNode();
        card.put("validDate", validDate).put("authority", "深圳市公安局南山分局")
                .put("warning", "00000000").put("multiWarning", "00000000").put("clarity", "72");
        return card;
    }

    private static ObjectNode success() {
        final ObjectNode answer = MAPPER.createObjectNode();
        answer.put("code", "0").put("msg", "请求成功").put("transactionTime", "20260101120000");
        return answer;
    }

    private static MockResponse json(final ObjectNode answer) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json;charset=UTF-8")
                .body(answer.toString()).build();
    }

    private static String random(final int length) {
        final String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        final StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String digits(final int length) {
        final StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return text.toString();
    }
}

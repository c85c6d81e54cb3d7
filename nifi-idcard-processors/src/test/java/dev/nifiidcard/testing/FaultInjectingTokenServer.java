package dev.nifiidcard.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiidcard.huiyan.TencentHuiyanIdCardOcrService;
import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.wechat.WeChatIdCardOcrService;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * A token-based provider's test server ({@link WeChatTestServer}, {@link HuiyanTestServer}), which still issues and
 * checks every credential, behind faults. At random (seeded): a recognition arriving first expires or revokes the
 * current token or ticket, so that it and every concurrent caller carry a stale credential at once; a token or ticket
 * request is refused as a passing outage; a connection is dropped before its request is read whole. A recognition
 * the server accepts is answered with a fault that is a seeded function of (image index, how many of its calls were
 * accepted before), so each image meets the same faults whatever the thread interleaving: dropped after the request,
 * stalled past the read timeout, HTTP 5xx, truncated JSON, throttled, busy, slow, or a card (an image without a card
 * stays one). Images are told apart by {@link TestImages#indexed}.
 * <p>
 * It counts what a thundering herd would show: credential requests at the server against the events that made them
 * necessary, and requests that arrived while a credential of their kind was still live (needless).
 *
 * @param <C> one recognition call as the provider's test server saw it
 * @param <S> the provider's test server
 */
public abstract class FaultInjectingTokenServer<C, S extends ScriptedTestServer<C, S>> implements AutoCloseable {

    /** What became of one recognition read whole, in the order the server met them. */
    public enum Fault {
        /** Refused: the credential it carried was one the server had expired or revoked. */
        STALE_CREDENTIAL,
        DROP_AFTER_REQUEST, STALL, HTTP_500, HTTP_502, HTTP_503, TRUNCATED_JSON, THROTTLED, BUSY, SLOW_SUCCESS, SUCCESS, NO_ID_CARD;

        /** The request was read whole and no usable answer reached the client: the provider would have billed it. */
        public boolean answerLost() {
            return this == DROP_AFTER_REQUEST || this == STALL || this == TRUNCATED_JSON;
        }

        public boolean answeredACard() {
            return this == SUCCESS || this == SLOW_SUCCESS;
        }
    }

    /** The credentials a provider issues. */
    public enum Credential { TOKEN, TICKET }

    /**
     * What a failure code of the provider means.
     *
     * @param retryable   whether the same image may succeed later
     * @param lastServed  what the server last did with the image's recognitions, or null when the code may come from a
     *                    token or ticket request instead
     * @param staysQueued the provider refused the credentials, not the image: the processor keeps the FlowFile queued
     *                    and never routes it with this code
     */
    public record Meaning(boolean retryable, Fault lastServed, boolean staysQueued) {

        Meaning(final boolean retryable, final Fault lastServed) {
            this(retryable, lastServed, false);
        }

        /** A credential refused again right after it was renewed. */
        static Meaning credentialRefused(final Fault lastServed) {
            return new Meaning(false, lastServed, true);
        }
    }

    /** One way the server kills credentials, counted only when it killed a live one. */
    protected record Expiry(String name, BooleanSupplier live, Runnable kill) {
    }

    /** Connections dropped before their request is read whole, per mille of request starts. */
    private static final int DROP_PER_MILLE = 15;
    /** Recognitions that arrive to find the current token or ticket killed, per mille, unless {@link #expiring} says otherwise. */
    private static final int EXPIRY_PER_MILLE = 20;
    /** Token and ticket requests refused as a passing outage, per mille. */
    private static final int CREDENTIAL_REFUSAL_PER_MILLE = 250;
    private static final String HTML = "<html><head><title>%d</title></head><body><h1>%d</h1><hr>nginx</body></html>";
    protected static final ObjectMapper MAPPER = new ObjectMapper();

    /** Answers drawn for accepted recognitions, each for so many per mille, after stalls; the rest are cards. */
    private static final List<Map.Entry<Fault, Integer>> ANSWER_FAULTS = List.of(
            Map.entry(Fault.DROP_AFTER_REQUEST, 25),
            Map.entry(Fault.HTTP_500, 12),
            Map.entry(Fault.HTTP_502, 12),
            Map.entry(Fault.HTTP_503, 12),
            Map.entry(Fault.TRUNCATED_JSON, 15),
            Map.entry(Fault.THROTTLED, 20),
            Map.entry(Fault.BUSY, 15));
    private static final int SLOW_PER_MILLE = 10;

    protected final S server;
    private final Map<String, Credential> credentialPaths;
    private final Map<String, Meaning> meanings;
    private final String provider;
    private final long seed;
    private final int stallPerMille;
    private final long stallMillis;
    private final long slowMillis;
    /** One seeded sequence per kind of event, so that how often each occurs does not hang on the others' interleaving. */
    private final Random drops;
    private final Random kills;
    private final Map<Credential, Random> refusing = new EnumMap<>(Credential.class);
    private final Map<Integer, List<Fault>> served = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> expiries = new ConcurrentHashMap<>();
    private final Map<Credential, LongAdder> refusals = new ConcurrentHashMap<>();
    private final Map<Credential, LongAdder> needless = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();
    private volatile int expiryPerMille = EXPIRY_PER_MILLE;

    /**
     * Puts the faults in front of the server, which the subclass then answers accepted recognitions with through
     * {@link #accepted}.
     *
     * @param stallPerMille share of accepted recognitions stalled for {@code stallMillis}, past the client's read timeout
     * @param slowMillis    delay of slow successes, below the client's read timeout
     * @param meanings      what the failure codes the provider answers with here mean
     * @param provider      the service's provider name, idcard.provider
     */
    protected FaultInjectingTokenServer(final long seed, final int stallPerMille, final long stallMillis, final long slowMillis,
                                        final S server, final String recognitionPath, final Map<String, Credential> credentialPaths,
                                        final Map<String, Meaning> meanings, final String provider) {
        this.seed = seed;
        this.stallPerMille = stallPerMille;
        this.stallMillis = stallMillis;
        this.slowMillis = slowMillis;
        this.server = server;
        this.credentialPaths = Map.copyOf(credentialPaths);
        this.meanings = Map.copyOf(meanings);
        this.provider = provider;
        this.drops = new Random(seed);
        this.kills = new Random(seed + 1);
        for (final Credential credential : Credential.values()) {
            refusing.put(credential, new Random(seed + 2 + credential.ordinal()));
        }
        server.intercept(new ScriptedTestServer.Interceptor() {
            @Override
            public boolean dropConnection() {
                return draw(drops, DROP_PER_MILLE);
            }

            @Override
            public void dropped() {
                dropped.increment();
            }

            @Override
            public MockResponse intercept(final RecordedRequest request) {
                final String path = request.getUrl().encodedPath();
                if (path.equals(recognitionPath)) {
                    arriving(request);
                    return null;
                }
                final Credential credential = credentialPaths.get(path);
                return credential == null ? null : credentialRequest(credential);
            }
        });
    }

    /** WeChat: access tokens expired (42001) or revoked (40001). */
    public static FaultInjectingTokenServer<?, ?> weChat(final long seed, final int stallPerMille, final long stallMillis,
                                                                           final long slowMillis) throws IOException {
        return new WeChatFaults(seed, stallPerMille, stallMillis, slowMillis);
    }

    /** Huiyan: SIGN tickets expired, or access tokens expired with every ticket issued for them. */
    public static FaultInjectingTokenServer<?, ?> huiyan(final long seed, final int stallPerMille, final long stallMillis,
                                                                           final long slowMillis) throws IOException {
        return new HuiyanFaults(seed, stallPerMille, stallMillis, slowMillis);
    }

    // ---- what each provider brings ----

    /** The index of the image a recognition carries, or null when the server could not read one. */
    protected abstract Integer imageIndex(RecordedRequest request);

    protected abstract List<Expiry> expiryKinds();

    /** Whether a credential of this kind issued so far is still accepted. */
    protected abstract boolean live(Credential credential);

    /** The answer to a token or ticket request refused as a passing outage. */
    protected abstract MockResponse credentialRefusal();

    /** The provider's answer to an accepted recognition for a fault answered in its own words (a card, a refusal). */
    protected abstract MockResponse answer(Fault fault, C call);

    /** A 200 whose JSON stops halfway. */
    protected abstract String truncatedAnswer();

    /** A runner of this processor with the provider's service, its test defaults overridden by these properties. */
    public abstract TestRunner runner(SignAndRecognizeIdCard processor, Map<PropertyDescriptor, String> serviceProperties);

    /** The attributes of the provider's own fields that a recognized card of this image must carry. */
    protected abstract Map<String, String> providerCardAttributes(int index);

    /** What a failure code the provider answers with means, or null for a code it never answers with here. */
    public Meaning meaning(final String code) {
        return meanings.get(code);
    }

    /** The attributes a recognized card of this image must carry: 李明's front side, valid and without warnings. */
    public Map<String, String> cardAttributes(final int index) {
        final Map<String, String> attributes = new LinkedHashMap<>(Map.of(IdCardAttributes.SIDE, "front",
                IdCardAttributes.NAME, "李明", IdCardAttributes.SEX, "男", IdCardAttributes.NATION, "汉",
                IdCardAttributes.NUMBER, "440524198701010014", IdCardAttributes.PROVIDER, provider, IdCardAttributes.WARNINGS, ""));
        attributes.putAll(providerCardAttributes(index));
        return attributes;
    }

    /** Credential requests the server answered (issued, or refused itself), apart from the refusals injected here. */
    public abstract int fetches(Credential credential);

    /**
     * The most credential requests the server may see: the first fetch, and one per event that killed the credential
     * (a Huiyan ticket needs two requests after its token died: one refused for the token, one with the new token).
     */
    public abstract long allowedFetches(Credential credential);

    /** Every refused recognition that did not carry a credential the server itself had killed, described. */
    public abstract List<String> badlyAuthenticated();

    public List<Credential> credentials() {
        return credentialPaths.values().stream().distinct().sorted().toList();
    }

    // ---- for the test ----

    /**
     * Kills the current token or ticket under so many recognitions per mille instead of 20: often enough, a renewed one
     * dies before the call it was fetched for is sent again, and the processor holds its queue.
     */
    public FaultInjectingTokenServer<C, S> expiring(final int perMille) {
        expiryPerMille = perMille;
        return this;
    }

    public String url() {
        return server.url();
    }

    /** What became of each image's recognitions read whole, in order. */
    public Map<Integer, List<Fault>> served() {
        return served;
    }

    public long expiries() {
        return expiries.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long expiries(final String name) {
        final LongAdder count = expiries.get(name);
        return count == null ? 0 : count.sum();
    }

    public long refusals(final Credential credential) {
        final LongAdder count = refusals.get(credential);
        return count == null ? 0 : count.sum();
    }

    /** Credential requests that arrived while one of their kind was still live: a thundering herd. */
    public long needless(final Credential credential) {
        final LongAdder count = needless.get(credential);
        return count == null ? 0 : count.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public long count(final Fault fault) {
        return served.values().stream().mapToLong(faults -> {
            synchronized (faults) {
                return faults.stream().filter(fault::equals).count();
            }
        }).sum();
    }

    public String summary() {
        final Map<Fault, Long> byFault = new EnumMap<>(Fault.class);
        for (final Fault fault : Fault.values()) {
            byFault.put(fault, count(fault));
        }
        final Map<String, Long> byExpiry = new TreeMap<>();
        expiries.forEach((name, count) -> byExpiry.put(name, count.sum()));
        final Map<String, String> credentials = new LinkedHashMap<>();
        for (final Credential credential : credentials()) {
            credentials.put(credential.name().toLowerCase(), "fetched " + fetches(credential) + " (allowed " + allowedFetches(credential)
                    + ") + refused " + refusals(credential) + ", needless " + needless(credential));
        }
        return "recognitions " + byFault.values().stream().mapToLong(Long::longValue).sum() + " " + byFault
                + " dropped before read " + dropped() + " expiry events " + byExpiry + " " + credentials;
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- the faults ----

    /**
     * The fault for an accepted recognition of this image, the server's fallback: its last arrival, assumed refused
     * until now, becomes the fault drawn for it.
     */
    protected final MockResponse accepted(final int index, final C call) {
        final List<Fault> history = served.computeIfAbsent(index, i -> Collections.synchronizedList(new ArrayList<>()));
        final Fault fault;
        synchronized (history) {
            if (history.isEmpty()) {
                throw new AssertionError("Image " + index + " was accepted without arriving");
            }
            // the n-th accepted call of an image meets the same fault whatever was refused before it
            fault = choose(index, (int) history.stream().filter(f -> f != Fault.STALE_CREDENTIAL).count());
            history.set(history.size() - 1, fault);
        }
        return switch (fault) {
            case DROP_AFTER_REQUEST -> new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
            case STALL -> answer(Fault.SUCCESS, call).newBuilder().headersDelay(stallMillis, TimeUnit.MILLISECONDS).build();
            case HTTP_500 -> ScriptedTestServer.raw(500, "text/html", HTML.formatted(500, 500));
            case HTTP_502 -> ScriptedTestServer.raw(502, "text/html", HTML.formatted(502, 502));
            case HTTP_503 -> ScriptedTestServer.raw(503, "text/html", HTML.formatted(503, 503));
            case TRUNCATED_JSON -> ScriptedTestServer.raw(200, "application/json", truncatedAnswer());
            case SLOW_SUCCESS -> answer(Fault.SUCCESS, call).newBuilder().headersDelay(slowMillis, TimeUnit.MILLISECONDS).build();
            case THROTTLED, BUSY, SUCCESS, NO_ID_CARD -> answer(fault, call);
            case STALE_CREDENTIAL -> throw new AssertionError("never drawn");
        };
    }

    /** Maybe kills the credentials first, so that this recognition and all those in flight meet a stale one. */
    private void arriving(final RecordedRequest request) {
        if (draw(kills, expiryPerMille)) {
            final List<Expiry> kinds = expiryKinds();
            final Expiry expiry;
            synchronized (kills) {
                expiry = kinds.get(kills.nextInt(kinds.size()));
            }
            if (expiry.live().getAsBoolean()) {
                expiry.kill().run();
                expiries.computeIfAbsent(expiry.name(), n -> new LongAdder()).increment();
            }
        }
        final Integer index = imageIndex(request);
        if (index != null) {
            // refused unless the server accepts it: accepted() then says what it met
            served.computeIfAbsent(index, i -> Collections.synchronizedList(new ArrayList<>())).add(Fault.STALE_CREDENTIAL);
        }
    }

    private MockResponse credentialRequest(final Credential credential) {
        if (live(credential)) {
            needless.computeIfAbsent(credential, c -> new LongAdder()).increment();
        }
        if (draw(refusing.get(credential), CREDENTIAL_REFUSAL_PER_MILLE)) {
            refusals.computeIfAbsent(credential, c -> new LongAdder()).increment();
            return credentialRefusal();
        }
        return null;
    }

    private static boolean draw(final Random random, final int perMille) {
        synchronized (random) {
            return random.nextInt(1000) < perMille;
        }
    }

    private Fault choose(final int index, final int attempt) {
        final int roll = new SplittableRandom(seed * 1_000_003L + index * 64L + attempt).nextInt(1000);
        // an image without a card stays one on every attempt
        final boolean noCard = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L)).nextInt(100) == 0;
        int bound = stallPerMille;
        if (roll < bound) {
            return Fault.STALL;
        }
        for (final Map.Entry<Fault, Integer> answer : ANSWER_FAULTS) {
            bound += answer.getValue();
            if (roll < bound) {
                return answer.getKey();
            }
        }
        if (noCard) {
            return Fault.NO_ID_CARD;
        }
        return roll < bound + SLOW_PER_MILLE ? Fault.SLOW_SUCCESS : Fault.SUCCESS;
    }

    /** The image a base64 string carries, or null when it is none. */
    protected static Integer indexOfBase64(final String base64) {
        try {
            return TestImages.indexOf(Base64.getDecoder().decode(base64));
        } catch (final IllegalArgumentException | AssertionError | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** The index of an image's bytes, or null when it carries none. */
    protected static Integer indexOfImage(final byte[] image) {
        try {
            return image == null ? null : TestImages.indexOf(image);
        } catch (final AssertionError | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static final class WeChatFaults extends FaultInjectingTokenServer<WeChatTestServer.Call, WeChatTestServer> {
        private static final Map<String, Meaning> MEANINGS = Map.of(
                "42001", Meaning.credentialRefused(Fault.STALE_CREDENTIAL),
                "40001", Meaning.credentialRefused(Fault.STALE_CREDENTIAL),
                "45011", new Meaning(true, Fault.THROTTLED),
                "101001", new Meaning(false, Fault.NO_ID_CARD),
                // system error: a busy recognition, or a refused token request
                "-1", new Meaning(true, null));

        WeChatFaults(final long seed, final int stallPerMille, final long stallMillis, final long slowMillis) throws IOException {
            super(seed, stallPerMille, stallMillis, slowMillis, new WeChatTestServer(), WeChatTestServer.RECOGNITION_PATH,
                    Map.of(WeChatTestServer.TokenDesk.PATH, Credential.TOKEN), MEANINGS, "wechat");
            server.setFallback(call -> accepted(TestImages.indexOf(call.image()), call));
        }

        @Override
        protected Integer imageIndex(final RecordedRequest request) {
            try {
                return indexOfImage(WeChatTestServer.readUpload(request.getHeaders().get("Content-Type"),
                        ScriptedTestServer.body(request)).bytes());
            } catch (final IOException e) {
                return null;
            }
        }

        @Override
        protected List<Expiry> expiryKinds() {
            return List.of(new Expiry("token expired", server::hasValidToken, server::expireTokens),
                    new Expiry("token revoked", server::hasValidToken, server::revokeTokens));
        }

        @Override
        protected boolean live(final Credential credential) {
            return server.hasValidToken();
        }

        @Override
        protected MockResponse credentialRefusal() {
            return WeChatTestServer.ok(WeChatTestServer.error(-1, "system error"));
        }

        @Override
        protected MockResponse answer(final Fault fault, final WeChatTestServer.Call call) {
            return WeChatTestServer.ok(switch (fault) {
                case THROTTLED -> WeChatTestServer.error(45011, "api minute-quota reach limit  mustslower  retry next minute");
                case BUSY -> WeChatTestServer.error(-1, "system error");
                case NO_ID_CARD -> WeChatTestServer.error(101001, "certificate not found");
                default -> WeChatTestServer.frontCard();
            });
        }

        @Override
        protected String truncatedAnswer() {
            return "{\"errcode\":\"0\",\"errmsg\":\"ok\",\"type\":\"Front\",\"name\":\"李明\",\"id\":\"4405";
        }

        @Override
        public TestRunner runner(final SignAndRecognizeIdCard processor, final Map<PropertyDescriptor, String> serviceProperties) {
            return ServiceRunner.create(processor, WeChatRecognizerRunner.SERVICE_ID, new WeChatIdCardOcrService(),
                    WeChatRecognizerRunner.CREDENTIALS, WeChatIdCardOcrService.ENDPOINT_URL, server.url(), serviceProperties);
        }

        @Override
        protected Map<String, String> providerCardAttributes(final int index) {
            return Map.of(IdCardAttributes.ADDRESS, "广东省广州市");
        }

        @Override
        public int fetches(final Credential credential) {
            return server.tokenCalls().size();
        }

        @Override
        public long allowedFetches(final Credential credential) {
            return 1 + expiries();
        }

        @Override
        public List<String> badlyAuthenticated() {
            final Set<String> issued = server.issuedTokens();
            return server.calls().stream()
                    .filter(call -> call.refusal() != null)
                    // 42001 is a token the server expired, 40001 one it revoked or never issued
                    .filter(call -> !(Set.of(42001, 40001).contains(call.refusal()) && issued.contains(call.accessToken())))
                    .map(call -> "errcode " + call.refusal() + " for a token " + (issued.contains(call.accessToken()) ? "issued" : "never issued"))
                    .toList();
        }

    }

    private static final class HuiyanFaults extends FaultInjectingTokenServer<HuiyanTestServer.Call, HuiyanTestServer> {
        /** This server's own placeholder codes: Huiyan documents none, and the service judges a refusal by its message. */
        private static final String THROTTLED = "990101";
        private static final String BUSY = "990102";
        private static final String NO_CARD = "990103";
        private static final String UNAVAILABLE = "990104";
        private static final String TICKET_EXPIRED = "ticket expired";
        private static final String TOKEN_EXPIRED = "token expired";
        private static final Map<String, Meaning> MEANINGS = Map.of(
                HuiyanTestServer.TICKET_EXPIRED, Meaning.credentialRefused(Fault.STALE_CREDENTIAL),
                // a ticket request refused for its token twice
                HuiyanTestServer.TOKEN_EXPIRED, Meaning.credentialRefused(null),
                THROTTLED, new Meaning(true, Fault.THROTTLED),
                BUSY, new Meaning(true, Fault.BUSY),
                NO_CARD, new Meaning(false, Fault.NO_ID_CARD),
                UNAVAILABLE, new Meaning(true, null));

        private final Map<Integer, String> orderNumbers = new ConcurrentHashMap<>();

        HuiyanFaults(final long seed, final int stallPerMille, final long stallMillis, final long slowMillis) throws IOException {
            super(seed, stallPerMille, stallMillis, slowMillis, new HuiyanTestServer(), HuiyanTestServer.OCR_PATH,
                    Map.of(HuiyanTestServer.TOKEN_PATH, Credential.TOKEN, HuiyanTestServer.TICKET_PATH, Credential.TICKET), MEANINGS,
                    "tencent-huiyan");
            server.setFallback(call -> {
                final int index = TestImages.indexOf(call.image());
                orderNumbers.put(index, call.orderNo());
                return accepted(index, call);
            });
        }

        @Override
        protected Integer imageIndex(final RecordedRequest request) {
            try {
                return indexOfBase64(MAPPER.readTree(ScriptedTestServer.body(request)).path("idcardStr").asText());
            } catch (final IOException e) {
                return null;
            }
        }

        @Override
        protected List<Expiry> expiryKinds() {
            return List.of(new Expiry(TICKET_EXPIRED, server::hasLiveTicket, server::expireTickets),
                    new Expiry(TOKEN_EXPIRED, server::hasLiveToken, server::expireTokens));
        }

        @Override
        protected boolean live(final Credential credential) {
            return credential == Credential.TOKEN ? server.hasLiveToken() : server.hasLiveTicket();
        }

        @Override
        protected MockResponse credentialRefusal() {
            return HuiyanTestServer.error(UNAVAILABLE, "服务繁忙，请稍后再试");
        }

        @Override
        protected MockResponse answer(final Fault fault, final HuiyanTestServer.Call call) {
            return switch (fault) {
                case THROTTLED -> HuiyanTestServer.error(THROTTLED, "请求频率过高");
                case BUSY -> HuiyanTestServer.error(BUSY, "系统繁忙");
                case NO_ID_CARD -> HuiyanTestServer.error(NO_CARD, "图片中未检测到身份证");
                default -> HuiyanTestServer.ok(call, HuiyanTestServer.frontCard());
            };
        }

        @Override
        protected String truncatedAnswer() {
            return "{\"code\":\"0\",\"msg\":\"请求成功\",\"bizSeqNo\":\"2026";
        }

        @Override
        public TestRunner runner(final SignAndRecognizeIdCard processor, final Map<PropertyDescriptor, String> serviceProperties) {
            return ServiceRunner.create(processor, HuiyanRecognizerRunner.SERVICE_ID, new TencentHuiyanIdCardOcrService(),
                    HuiyanRecognizerRunner.CREDENTIALS, TencentHuiyanIdCardOcrService.ENDPOINT_URL, server.url(), serviceProperties);
        }

        @Override
        protected Map<String, String> providerCardAttributes(final int index) {
            // the order number of the call whose answer was taken: the image's last accepted call
            return Map.of(IdCardAttributes.BIRTH, "1987-01-01", IdCardAttributes.ADDRESS, "北京市石景山区高新技术园腾讯大楼",
                    IdCardAttributes.ORDER_NUMBER, orderNumbers.get(index));
        }

        @Override
        public int fetches(final Credential credential) {
            return credential == Credential.TOKEN ? server.tokenFetches() : server.ticketFetches();
        }

        @Override
        public long allowedFetches(final Credential credential) {
            return credential == Credential.TOKEN ? 1 + expiries(TOKEN_EXPIRED) : 1 + expiries(TICKET_EXPIRED) + 2 * expiries(TOKEN_EXPIRED);
        }

        @Override
        public List<String> badlyAuthenticated() {
            return server.calls().stream()
                    .filter(call -> call.refusal() != null && !HuiyanTestServer.TICKET_EXPIRED.equals(call.refusal()))
                    .map(call -> "code " + call.refusal() + " for order " + call.orderNo())
                    .toList();
        }

    }
}

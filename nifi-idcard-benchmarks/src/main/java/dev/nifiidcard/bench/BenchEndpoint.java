package dev.nifiidcard.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import dev.nifiidcard.testing.Tc3RequestVerifier;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local IDCardOCR endpoint every scenario talks to: the JDK's HTTP server (no Okio, so it does not compete with
 * the client for Okio's segment pool), TCP_NODELAY through {@code sun.net.httpserver.nodelay}, a thread per
 * connection. It checks each request's TC3-HMAC-SHA256 signature over the received bytes with the tests'
 * {@code Tc3RequestVerifier}, written independently of the bundle's signer, and answers Tencent's documented front-side sample; a bad signature gets an AuthFailure answer, so
 * a scenario that signs wrongly fails instead of measuring. It can also throttle every second call, as Tencent does
 * with RequestLimitExceeded ({@link #throttleEverySecondCall}), and record each request's arrival.
 */
final class BenchEndpoint implements AutoCloseable {

    static final String SECRET_ID = "AKIDbenchOnly000000000000000EXAMPLE";
    static final String SECRET_KEY = "benchOnlySecretKey00000000EXAMPLE";

    private static final byte[] IMAGE_FIELD = "\"ImageBase64\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = ("{\"Response\":{\"Name\":\"李明\",\"Sex\":\"男\",\"Nation\":\"汉\",\"Birth\":\"1987/1/1\","
            + "\"Address\":\"北京市石景山区高新技术园腾讯大楼\",\"IdNum\":\"440524198701010014\",\"Authority\":\"\",\"ValidDate\":\"\","
            + "\"AdvancedInfo\":\"{}\",\"ReflectDetailInfos\":[],\"RequestId\":\"bench\"}}").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        final Thread thread = new Thread(r, "bench-endpoint");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private volatile boolean throttleEverySecond;
    private volatile ConcurrentLinkedQueue<Arrival> arrivals;

    /** A request's arrival (System.nanoTime, before its body is read) and the X-TC-Region it named (null if none). */
    record Arrival(long nanos, String region) {
    }

    BenchEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    long refused() {
        return refused.get();
    }

    /** Requests received since the endpoint started (or since {@link #resetCounts}). */
    long calls() {
        return calls.get();
    }

    /** RequestLimitExceeded answers given by {@link #throttleEverySecondCall}. */
    long throttled() {
        return throttled.get();
    }

    void resetCounts() {
        calls.set(0);
        throttled.set(0);
    }

    /**
     * On: every second correctly signed request (the 2nd, 4th... since {@link #resetCounts}) is answered as Tencent
     * throttles, HTTP 200 with {@code RequestLimitExceeded}; the others get the card. Off: every one gets the card.
     */
    void throttleEverySecondCall(final boolean on) {
        throttleEverySecond = on;
    }

    /** Starts recording the arrival of every request. */
    void recordArrivals() {
        arrivals = new ConcurrentLinkedQueue<>();
    }

    /** Stops recording and returns the arrivals. */
    ConcurrentLinkedQueue<Arrival> stopRecording() {
        final ConcurrentLinkedQueue<Arrival> recorded = arrivals;
        arrivals = null;
        return recorded;
    }

    private void answer(final HttpExchange exchange) throws IOException {
        final ConcurrentLinkedQueue<Arrival> recording = arrivals;
        if (recording != null) {
            recording.add(new Arrival(System.nanoTime(), exchange.getRequestHeaders().getFirst("x-tc-region")));
        }
        final long call = calls.incrementAndGet();
        final byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        final String refusal = refusal(exchange, body);
        final byte[] answer;
        if (refusal == null && throttleEverySecond && call % 2 == 0) {
            throttled.incrementAndGet();
            answer = ("{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded\",\"Message\":\"Your request frequency has "
                    + "exceeded the limit. Please try again later.\"},\"RequestId\":\"bench-" + call + "\"}}").getBytes(StandardCharsets.UTF_8);
        } else if (refusal == null) {
            answer = OK;
        } else {
            refused.incrementAndGet();
            answer = ("{\"Response\":{\"Error\":{\"Code\":\"" + refusal + "\",\"Message\":\"refused\"},\"RequestId\":\"bench\"}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** What Tencent would answer to the signature, or null when it is right; also checks that an image was sent. */
    private static String refusal(final HttpExchange exchange, final byte[] body) {
        // the body is hashed in every case, so that the endpoint's share of the CPU is the same whatever the client
        // sends (with X-TC-Content-SHA256: UNSIGNED-PAYLOAD the verifier leaves it out of the signature)
        sha256(body);
        if (!"IDCardOCR".equals(exchange.getRequestHeaders().getFirst("x-tc-action"))) {
            return "InvalidAction";
        }
        final String refusal = Tc3RequestVerifier.refusal(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders()::getFirst, body, System.currentTimeMillis() / 1000, SECRET_ID, SECRET_KEY);
        if (refusal != null) {
            return refusal;
        }
        return indexOf(body, IMAGE_FIELD) < 0 || body.length < 1024 ? "MissingParameter" : null;
    }

    private static int indexOf(final byte[] data, final byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= Math.min(data.length, 4096); i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] sha256(final byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (final Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Adds {@code service} to {@code runner} as "ocr", with this endpoint's credentials, the given endpoint URL and Max
     * Requests Per Second; the caller sets anything else and enables it.
     */
    static void addService(final TestRunner runner, final TencentCloudIdCardOcrService service, final String url,
                           final String maxRequestsPerSecond) throws InitializationException {
        runner.addControllerService("ocr", service);
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_ID, SECRET_ID);
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_KEY, SECRET_KEY);
        runner.setProperty(service, TencentCloudIdCardOcrService.ENDPOINT_URL, url);
        runner.setProperty(service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, maxRequestsPerSecond);
    }
}

package dev.nifiidcard.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local IDCardOCR endpoint every scenario talks to: the JDK's HTTP server (no Okio, so it does not compete with
 * the client for Okio's segment pool), TCP_NODELAY through {@code sun.net.httpserver.nodelay}, a thread per
 * connection. It checks each request's TC3-HMAC-SHA256 signature over the received bytes, independently of the
 * bundle's signer, and answers Tencent's documented front-side sample; a bad signature gets an AuthFailure answer, so
 * a scenario that signs wrongly fails instead of measuring.
 */
final class BenchEndpoint implements AutoCloseable {

    static final String SECRET_ID = "AKIDbenchOnly000000000000000EXAMPLE";
    static final String SECRET_KEY = "benchOnlySecretKey00000000EXAMPLE";

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([a-z]+)/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
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
    private volatile ConcurrentLinkedQueue<Long> arrivals;

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

    /** Starts recording the arrival time (System.nanoTime) of every request. */
    void recordArrivals() {
        arrivals = new ConcurrentLinkedQueue<>();
    }

    /** Stops recording and returns the arrivals. */
    ConcurrentLinkedQueue<Long> stopRecording() {
        final ConcurrentLinkedQueue<Long> recorded = arrivals;
        arrivals = null;
        return recorded;
    }

    private void answer(final HttpExchange exchange) throws IOException {
        final ConcurrentLinkedQueue<Long> recording = arrivals;
        if (recording != null) {
            recording.add(System.nanoTime());
        }
        final byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        final String refusal = refusal(exchange, body);
        final byte[] answer;
        if (refusal == null) {
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
        final String authorization = exchange.getRequestHeaders().getFirst("authorization");
        final Matcher auth = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (auth == null || !auth.matches()) {
            return "AuthFailure.InvalidAuthorization";
        }
        if (!SECRET_ID.equals(auth.group(1))) {
            return "AuthFailure.SecretIdNotFound";
        }
        final long timestamp;
        try {
            timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst("x-tc-timestamp"));
        } catch (final NumberFormatException e) {
            return "MissingParameter";
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - timestamp) > 300) {
            return "AuthFailure.SignatureExpire";
        }
        if (!"IDCardOCR".equals(exchange.getRequestHeaders().getFirst("x-tc-action"))) {
            return "InvalidAction";
        }
        final String date = Instant.ofEpochSecond(timestamp).atZone(ZoneOffset.UTC).toLocalDate().toString();
        final String signedHeaders = auth.group(4);
        if (!date.equals(auth.group(2)) || !"ocr".equals(auth.group(3))
                || !signedHeaders.contains("content-type") || !signedHeaders.contains("host")
                || !"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())) {
            return "AuthFailure.SignatureFailure";
        }
        final StringBuilder canonical = new StringBuilder("POST\n/\n\n");
        for (final String name : signedHeaders.split(";")) {
            final String value = exchange.getRequestHeaders().getFirst(name);
            if (value == null) {
                return "AuthFailure.SignatureFailure";
            }
            canonical.append(name).append(':').append(value.trim().toLowerCase(Locale.ROOT)).append('\n');
        }
        final HexFormat hex = HexFormat.of();
        // the body is hashed in every case, so that the endpoint's share of the CPU is the same whatever the client sends;
        // X-TC-Content-SHA256: UNSIGNED-PAYLOAD leaves it out of the signature, as Tencent's gateway does
        final String bodyHash = hex.formatHex(sha256(body));
        final boolean unsigned = "UNSIGNED-PAYLOAD".equals(exchange.getRequestHeaders().getFirst("x-tc-content-sha256"));
        canonical.append('\n').append(signedHeaders).append('\n')
                .append(unsigned ? hex.formatHex(sha256("UNSIGNED-PAYLOAD".getBytes(StandardCharsets.US_ASCII))) : bodyHash);
        final String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/ocr/tc3_request\n"
                + hex.formatHex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("TC3" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, "ocr");
        key = hmac(key, "tc3_request");
        if (!hex.formatHex(hmac(key, stringToSign)).equals(auth.group(5))) {
            return "AuthFailure.SignatureFailure";
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

    private static byte[] hmac(final byte[] key, final String data) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (final Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

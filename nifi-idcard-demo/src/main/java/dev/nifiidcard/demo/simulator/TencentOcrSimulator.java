package dev.nifiidcard.demo.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A local, Tencent-compatible IDCardOCR endpoint (API 2018-11-19) for demos and for building flows offline. It checks
 * every request's TC3-HMAC-SHA256 signature and timestamp window like Tencent, then answers from the fields a specimen
 * JPEG carries: it is a SIMULATOR, not OCR, and finds no card in any other image. Loopback only.
 */
public final class TencentOcrSimulator implements AutoCloseable {

    /** Demo credentials, good only for this simulator. */
    public static final String DEFAULT_SECRET_ID = "AKIDsimulatorDemoOnly000000EXAMPLE";
    public static final String DEFAULT_SECRET_KEY = "simulatorDemoOnlySecretKeyEXAMPLE";
    public static final int DEFAULT_PORT = 9443;
    public static final String ACTION = "IDCardOCR";
    public static final String VERSION = "2018-11-19";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One answered request, for logs: its number, action, requested side and the error code or null. */
    public record Exchange(int number, String action, String cardSide, String errorCode) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Tc3SignatureCheck signatureCheck;
    private final SpecimenRecognizer recognizer = new SpecimenRecognizer();
    private final Clock clock;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger throttledLeft = new AtomicInteger();
    private volatile Consumer<Exchange> listener = exchange -> { };

    private TencentOcrSimulator(final int port, final String secretId, final String secretKey, final Clock clock) throws IOException {
        this.signatureCheck = new Tc3SignatureCheck(secretId, secretKey);
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts on loopback at {@code port}, or an ephemeral port when it is 0. */
    public static TencentOcrSimulator start(final int port, final String secretId, final String secretKey) throws IOException {
        return start(port, secretId, secretKey, Clock.systemUTC());
    }

    /** With another clock for the 5-minute timestamp window. */
    public static TencentOcrSimulator start(final int port, final String secretId, final String secretKey, final Clock clock) throws IOException {
        return new TencentOcrSimulator(port, secretId, secretKey, clock);
    }

    /** The URL to put in a TencentCloudIdCardOcrService's Endpoint URL, for example {@code http://127.0.0.1:9443/}. */
    public String endpoint() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests received so far, refused ones included. */
    public int requestCount() {
        return requests.get();
    }

    /** Answers the next {@code count} correctly signed requests with RequestLimitExceeded, as Tencent does past 20/s. */
    public TencentOcrSimulator throttleNext(final int count) {
        throttledLeft.set(count);
        return this;
    }

    /** Called after each answer, on the server's thread. */
    public TencentOcrSimulator onExchange(final Consumer<Exchange> exchangeListener) {
        this.listener = exchangeListener;
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void handle(final HttpExchange http) throws IOException {
        try (http) {
            final int number = requests.incrementAndGet();
            final byte[] body;
            try (InputStream in = http.getRequestBody()) {
                body = in.readAllBytes();
            }
            final String action = http.getRequestHeaders().getFirst("X-TC-Action");
            final ObjectNode response = answer(http, body, action);
            response.put("RequestId", UUID.randomUUID().toString());
            final ObjectNode root = MAPPER.createObjectNode();
            root.set("Response", response);
            final byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
            // Tencent answers errors with HTTP 200 too
            http.getResponseHeaders().set("Content-Type", "application/json");
            http.sendResponseHeaders(200, json.length);
            try (OutputStream out = http.getResponseBody()) {
                out.write(json);
            }
            final String errorCode = response.has("Error") ? response.get("Error").path("Code").asText() : null;
            listener.accept(new Exchange(number, action == null ? "(no X-TC-Action)" : action, cardSide(body), errorCode));
        }
    }

    private ObjectNode answer(final HttpExchange http, final byte[] body, final String action) {
        final Optional<TencentError> refusal = signatureCheck.refusal(http.getRequestMethod(), http.getRequestURI().getRawPath(),
                name -> http.getRequestHeaders().getFirst(name), body, clock.instant().getEpochSecond());
        if (refusal.isPresent()) {
            return error(refusal.get());
        }
        if (!ACTION.equals(action)) {
            return error(new TencentError("InvalidAction", "The action " + action + " does not exist; this simulator knows only " + ACTION + "."));
        }
        final String version = http.getRequestHeaders().getFirst("X-TC-Version");
        if (!VERSION.equals(version)) {
            return error(new TencentError("NoSuchVersion", "The API version " + version + " does not exist; this simulator speaks " + VERSION + "."));
        }
        if (throttledLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return error(new TencentError("RequestLimitExceeded", "Simulated throttling: the request rate exceeds the limit."));
        }
        final SpecimenRecognizer.Answer answer = recognizer.recognize(body);
        return answer.error() != null ? error(answer.error()) : answer.response();
    }

    private static ObjectNode error(final TencentError error) {
        final ObjectNode response = MAPPER.createObjectNode();
        response.putObject("Error").put("Code", error.code()).put("Message", error.message());
        return response;
    }

    private static String cardSide(final byte[] body) {
        try {
            final String side = MAPPER.readTree(body).path("CardSide").asText("");
            return side.isEmpty() ? "auto" : side;
        } catch (final IOException | RuntimeException notJson) {
            return "?";
        }
    }

    // ---- standalone ----

    static final String USAGE = """
            Usage: TencentOcrSimulator [--port N] [--secret-id ID] [--secret-key KEY] [--throttle-first N]
              --port N            loopback port to listen on (default %d; 0 = any free port)
              --secret-id ID      SecretId clients must sign with (default %s)
              --secret-key KEY    SecretKey clients must sign with (default: the demo key documented in docs/demo.md)
              --throttle-first N  answer the first N signed requests with RequestLimitExceeded (default 0)
            A SIMULATOR of Tencent Cloud IDCardOCR: it checks TC3-HMAC-SHA256 signatures but answers from the
            metadata of specimen JPEGs (GetCameraImage, Capture Mode Specimen), not by OCR.
            """.formatted(DEFAULT_PORT, DEFAULT_SECRET_ID);

    public static void main(final String[] args) throws Exception {
        int port = DEFAULT_PORT;
        String secretId = DEFAULT_SECRET_ID;
        String secretKey = DEFAULT_SECRET_KEY;
        int throttleFirst = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--secret-id" -> secretId = args[++i];
                    case "--secret-key" -> secretKey = args[++i];
                    case "--throttle-first" -> throttleFirst = Integer.parseInt(args[++i]);
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (final IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("Bad arguments: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        final TencentOcrSimulator simulator = start(port, secretId, secretKey).throttleNext(throttleFirst);
        final PrintStream out = System.out;
        simulator.onExchange(exchange -> out.printf("#%d %s %s -> %s%n", exchange.number(), exchange.action(), exchange.cardSide(),
                exchange.errorCode() == null ? "recognized" : exchange.errorCode()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        out.println("""
                ==================================================================================
                 Tencent Cloud IDCardOCR SIMULATOR (not real OCR) listening on %s
                 It answers from the specimen metadata inside specimen-camera JPEGs; any other image
                 gets FailedOperation.ImageNoIdCard. Signatures (TC3-HMAC-SHA256) are checked.
                 Secret ID: %s   Secret Key: %s
                 Point a TencentCloudIdCardOcrService's Endpoint URL at %s. Ctrl-C stops.
                ==================================================================================""".formatted(
                simulator.endpoint(), secretId,
                DEFAULT_SECRET_KEY.equals(secretKey) ? "the documented demo key" : "as given",
                simulator.endpoint()));
        stopped.await();
    }
}

package dev.nifiidcard.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static dev.nifiidcard.testing.TencentOcrTestServer.error;
import static dev.nifiidcard.testing.TencentOcrTestServer.frontCard;
import static dev.nifiidcard.testing.TencentOcrTestServer.ok;
import static dev.nifiidcard.testing.TencentOcrTestServer.raw;

/**
 * A TC3-verifying IDCardOCR endpoint that answers badly on purpose. The fault for a request read whole is a seeded
 * function of (image index, attempt number for that image), so each image meets the same faults whatever the thread
 * interleaving; images are told apart by a COM segment naming their index ({@link TestImages#indexed}). Connections dropped before
 * the request is read cannot be tied to an image: those are drawn from one seeded sequence.
 */
public final class FaultInjectingTencentServer implements AutoCloseable {

    public enum Fault {
        DROP_BEFORE_READ, DROP_AFTER_REQUEST, STALL, HTTP_500, HTTP_502, HTTP_503, TRUNCATED_JSON, RATE_LIMITED,
        INTERNAL_ERROR, SLOW_SUCCESS, SUCCESS, NO_ID_CARD;

        /** The request was read whole and no usable answer reached the client: Tencent would have billed it. */
        public boolean answerLost() {
            return this == DROP_AFTER_REQUEST || this == STALL || this == TRUNCATED_JSON;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int RATE_LIMIT_BURST = 6;
    private static final String HTML = "<html><head><title>%d</title></head><body><h1>%d</h1><hr>nginx</body></html>";

    private final MockWebServer server = new MockWebServer();
    private final long seed;
    private final int stallPerMille;
    private final long stallMillis;
    private final long slowMillis;
    private final Random connectionFaults;
    private final AtomicInteger burstLeft = new AtomicInteger();
    private final Map<Integer, List<Fault>> served = new ConcurrentHashMap<>();
    private final Map<Fault, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder refusals = new LongAdder();

    /**
     * @param stallPerMille share of requests stalled for {@code stallMillis}, past the client's read timeout
     * @param slowMillis    delay of slow successes, below the client's read timeout
     */
    public FaultInjectingTencentServer(final long seed, final int stallPerMille, final long stallMillis, final long slowMillis) throws IOException {
        this.seed = seed;
        this.stallPerMille = stallPerMille;
        this.stallMillis = stallMillis;
        this.slowMillis = slowMillis;
        this.connectionFaults = new Random(seed);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse peek() {
                return dropBeforeRead() ? new MockResponse.Builder()
                        .onRequestStart(new SocketEffect.CloseSocket())   // a fresh connection, before any byte is read
                        .onRequestBody(new SocketEffect.CloseSocket())    // a reused one, once the headers are read
                        .build() : super.peek();
            }

            @Override
            public MockResponse dispatch(final RecordedRequest request) throws InterruptedException {
                return answer(request);
            }
        });
        // without Nagle: MockWebServer flushes the headers before the body, which would wait for the client's delayed ACK
        server.setServerSocketFactory(new NoDelayServerSocketFactory());
        server.start();
    }

    public String url() {
        return server.url("/").toString();
    }

    /** The faults served to each image's requests read whole, in order. */
    public Map<Integer, List<Fault>> served() {
        return served;
    }

    public long count(final Fault fault) {
        final LongAdder count = counts.get(fault);
        return count == null ? 0 : count.sum();
    }

    /** Every request served, whatever its fault. */
    public long requests() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Requests whose TC3 signature did not verify. */
    public long refusals() {
        return refusals.sum();
    }

    public String summary() {
        final Map<Fault, Long> byKind = new TreeMap<>();
        counts.forEach((fault, count) -> byKind.put(fault, count.sum()));
        return "requests " + requests() + " " + byKind + " refusals " + refusals.sum();
    }

    @Override
    public void close() {
        server.close();
    }

    private boolean dropBeforeRead() {
        synchronized (connectionFaults) {
            return connectionFaults.nextInt(1000) < 15;
        }
    }

    private MockResponse answer(final RecordedRequest request) throws InterruptedException {
        // MockWebServer keeps every request for takeRequest(); drop them so that a long run does not hoard bodies
        while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
            // discard
        }
        // a connection closed by peek() while reading the body is dispatched with the part read, and no failure
        final String contentLength = request.getHeaders().get("Content-Length");
        if (request.getFailure() != null || request.getBody() == null
                || contentLength != null && Long.parseLong(contentLength) != request.getBody().size()) {
            record(Fault.DROP_BEFORE_READ);
            return new MockResponse.Builder().build();
        }
        final byte[] body = request.getBody().toByteArray();
        final String refusal = Tc3RequestVerifier.refusal(request.getMethod(), request.getUrl().encodedPath(),
                request.getHeaders()::get, body, System.currentTimeMillis() / 1000,
                TencentOcrTestServer.SECRET_ID, TencentOcrTestServer.SECRET_KEY);
        if (refusal != null) {
            refusals.increment();
            return ok(error(refusal, "Refused by the fault-injecting server"));
        }
        final int index = indexOf(body);
        final List<Fault> history = served.computeIfAbsent(index, i -> Collections.synchronizedList(new ArrayList<>()));
        final Fault fault;
        synchronized (history) {
            fault = choose(index, history.size());
            history.add(fault);
        }
        record(fault);
        return respond(fault);
    }

    private Fault choose(final int index, final int attempt) {
        if (burstLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Fault.RATE_LIMITED;
        }
        final int roll = (int) Long.remainderUnsigned(mix(seed + mix(index * 16L + attempt)), 1000);
        // an image without a card stays one on every attempt
        final boolean noCard = Long.remainderUnsigned(mix(seed ^ index), 100) == 0;
        int bound = stallPerMille;
        if (roll < bound) {
            return Fault.STALL;
        }
        if (roll < (bound += 30)) {
            return Fault.DROP_AFTER_REQUEST;
        }
        if (roll < (bound += 15)) {
            return Fault.HTTP_500;
        }
        if (roll < (bound += 15)) {
            return Fault.HTTP_502;
        }
        if (roll < (bound += 15)) {
            return Fault.HTTP_503;
        }
        if (roll < (bound += 20)) {
            return Fault.TRUNCATED_JSON;
        }
        if (roll < (bound += 20)) {
            return Fault.INTERNAL_ERROR;
        }
        if (roll < (bound += 5)) {
            burstLeft.set(RATE_LIMIT_BURST - 1);
            return Fault.RATE_LIMITED;
        }
        if (roll < bound + 10) {
            return noCard ? Fault.NO_ID_CARD : Fault.SLOW_SUCCESS;
        }
        return noCard ? Fault.NO_ID_CARD : Fault.SUCCESS;
    }

    private MockResponse respond(final Fault fault) {
        return switch (fault) {
            case DROP_AFTER_REQUEST -> new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
            case STALL -> ok(frontCard()).newBuilder().headersDelay(stallMillis, TimeUnit.MILLISECONDS).build();
            case HTTP_500 -> raw(500, "text/html", HTML.formatted(500, 500));
            case HTTP_502 -> raw(502, "text/html", HTML.formatted(502, 502));
            case HTTP_503 -> raw(503, "text/html", HTML.formatted(503, 503));
            case TRUNCATED_JSON -> raw(200, "application/json", "{\"Response\":{\"Name\":\"李明\",\"IdNum\":\"4405");
            case RATE_LIMITED -> ok(error("RequestLimitExceeded", "Your requests exceed the limit"));
            case INTERNAL_ERROR -> ok(error("InternalError", "Internal error"));
            case SLOW_SUCCESS -> ok(frontCard()).newBuilder().headersDelay(slowMillis, TimeUnit.MILLISECONDS).build();
            case SUCCESS -> ok(frontCard());
            case NO_ID_CARD -> ok(error("FailedOperation.ImageNoIdCard", "No ID card in the image"));
            case DROP_BEFORE_READ -> throw new IllegalArgumentException("decided in peek()");
        };
    }

    private static int indexOf(final byte[] body) {
        final byte[] image;
        try {
            image = Base64.getDecoder().decode(MAPPER.readTree(body).path("ImageBase64").asText());
        } catch (final IOException | IllegalArgumentException e) {
            throw new AssertionError("The body is not JSON with a base64 image", e);
        }
        return TestImages.indexOf(image);
    }

    private void record(final Fault fault) {
        counts.computeIfAbsent(fault, f -> new LongAdder()).increment();
    }

    /** SplitMix64's finalizer: neighbouring inputs give unrelated outputs. */
    private static long mix(final long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

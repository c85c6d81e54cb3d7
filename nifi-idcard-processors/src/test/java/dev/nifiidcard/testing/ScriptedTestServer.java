package dev.nifiidcard.testing;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLSocketFactory;

/**
 * What the provider test servers share: a MockWebServer that hands every request to {@link #answer}, every call
 * recorded, and the calls the server accepts answered from a script of responders, then from a fallback.
 *
 * @param <C> one call as the server saw it
 * @param <S> the server itself, so that {@code then} calls chain
 */
public abstract class ScriptedTestServer<C, S extends ScriptedTestServer<C, S>> implements AutoCloseable {

    /**
     * Steps in before the server, for fault-injecting tests: drops connections, and sees (and may answer) every
     * request read whole before the server does.
     */
    public interface Interceptor {
        /**
         * Whether to close the connection of the request about to be read: a fresh connection before any byte is read,
         * a reused one once its headers and half of its body are read. Asked more than once per request.
         */
        boolean dropConnection();

        /** A request cut short by a dropped connection: the server neither sees nor answers it. */
        void dropped();

        /** A request read whole: an answer of the interceptor's own, or null to let the server answer it. */
        MockResponse intercept(RecordedRequest request);
    }

    private static final MockResponse DROP = new MockResponse.Builder()
            .onRequestStart(new SocketEffect.CloseSocket())   // a fresh connection, before any byte is read
            .onRequestBody(new SocketEffect.CloseSocket())    // a reused one, halfway through the body
            .build();

    private final Queue<Function<C, MockResponse>> script = new ConcurrentLinkedQueue<>();
    private final List<C> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<C, MockResponse> fallback;
    private volatile Interceptor interceptor;
    private MockWebServer server;

    protected ScriptedTestServer(final Function<C, MockResponse> fallback) {
        this.fallback = fallback;
    }

    /**
     * Starts the MockWebServer, over HTTPS with the given server socket factory or plain HTTP when it is null; the
     * subclass calls it at the end of its constructor, once it can answer.
     */
    protected final void serve(final SSLSocketFactory https) throws IOException {
        final MockWebServer started = new MockWebServer();
        started.setServerSocketFactory(new NoDelayServerSocketFactory());
        started.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse peek() {
                final Interceptor faults = interceptor;
                return faults != null && faults.dropConnection() ? DROP : super.peek();
            }

            @Override
            public MockResponse dispatch(final RecordedRequest request) throws InterruptedException {
                final Interceptor faults = interceptor;
                if (faults == null) {
                    return answer(request);
                }
                // MockWebServer keeps every request for takeRequest(), which nothing here calls: a long run must not hoard them
                while (started.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
                    // discard
                }
                if (cut(request)) {
                    faults.dropped();
                    return new MockResponse.Builder().build();
                }
                final MockResponse own = faults.intercept(request);
                return own != null ? own : answer(request);
            }
        });
        if (https != null) {
            started.useHttps(https);
        }
        started.start();
        server = started;
    }

    /**
     * Puts the interceptor in front of the server (MockWebServer only) from the next request on; it is asked from the
     * MockWebServer's connection threads, concurrently.
     */
    public void intercept(final Interceptor faults) {
        interceptor = faults;
    }

    /**
     * Whether the request was cut by a dropped connection: the bookkeeping request of a connection closed before it
     * was read (no headers at all), a failure while reading, or a body shorter than its Content-Length.
     */
    private static boolean cut(final RecordedRequest request) {
        if (request.getFailure() != null || request.getHeaders().size() == 0) {
            return true;
        }
        final String contentLength = request.getHeaders().get("Content-Length");
        return contentLength != null && (request.getBody() == null || Long.parseLong(contentLength) != request.getBody().size());
    }

    /** The answer to one request received by the MockWebServer. */
    protected abstract MockResponse answer(RecordedRequest request);

    /** The Endpoint URL: the root, to which the service appends the API's path. */
    public String url() {
        return server.url("/").toString();
    }

    /** The server's address, for tests that reach it through a proxy. */
    public InetSocketAddress address() {
        return server.getSocketAddress();
    }

    /** Every request the server received, of every kind. */
    public int requestCount() {
        return server.getRequestCount();
    }

    /** Answers the next accepted call with this responder, before the fallback. */
    public S then(final Function<C, MockResponse> responder) {
        script.add(responder);
        return self();
    }

    public S then(final MockResponse response) {
        return then(call -> response);
    }

    public void setFallback(final Function<C, MockResponse> fallback) {
        this.fallback = fallback;
    }

    public List<C> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /** Keeps a call, whether it is accepted or refused. */
    protected final void record(final C call) {
        calls.add(call);
    }

    /** The answer to an accepted call: the next responder of the script, or the fallback. */
    protected final MockResponse scripted(final C call) {
        final Function<C, MockResponse> next = script.poll();
        return (next != null ? next : fallback).apply(call);
    }

    /** The request's body, empty when it has none. */
    protected static byte[] body(final RecordedRequest request) {
        return request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    }

    public static MockResponse raw(final int code, final String contentType, final String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", contentType).body(body).build();
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }
}

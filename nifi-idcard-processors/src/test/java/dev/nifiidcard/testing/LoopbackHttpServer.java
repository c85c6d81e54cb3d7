package dev.nifiidcard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The JDK's own HTTP server on a loopback port, for endpoints whose client's allocation is measured. Unlike
 * MockWebServer it does not read requests through Okio, so it never competes with the client for Okio's shared
 * segment pool: allocation measured on the client's thread is the client's own.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    private final HttpServer server;

    /** Started, every request going to the handler. */
    public LoopbackHttpServer(final HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Sends an answer: the status, the Content-Type when there is one, and the body (none when it is empty). */
    public static void reply(final HttpExchange exchange, final int status, final String contentType, final byte[] body)
            throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

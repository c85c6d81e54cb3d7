package dev.nifiidcard.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The WeChat API of {@link WeChatTestServer} (same token and upload checks) on the JDK's own HTTP server. Unlike
 * MockWebServer it does not receive requests through Okio, so it does not compete with the client for Okio's shared
 * segment pool while the image is sent: allocation measured on the client thread is the client's own.
 */
public final class PlainWeChatEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final WeChatTestServer.TokenDesk tokens = new WeChatTestServer.TokenDesk();
    private volatile byte[] lastImage;
    private volatile Integer lastRefusal;

    public PlainWeChatEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public byte[] lastImage() {
        return lastImage;
    }

    /** The errcode the last recognition was refused with, or null when it was accepted. */
    public Integer lastRefusal() {
        return lastRefusal;
    }

    private void answer(final HttpExchange exchange) throws IOException {
        final byte[] body = exchange.getRequestBody().readAllBytes();
        final HttpUrl url = HttpUrl.get(url() + exchange.getRequestURI().toString().substring(1));
        final ObjectNode answer;
        if (WeChatTestServer.TokenDesk.PATH.equals(url.encodedPath())) {
            answer = tokens.answer(url);
        } else {
            Integer refusal = tokens.refusal(url.queryParameter("access_token"));
            if (refusal == null) {
                try {
                    lastImage = WeChatTestServer.readUpload(exchange.getRequestHeaders().getFirst("Content-Type"), body).bytes();
                } catch (final IOException e) {
                    refusal = WeChatTestServer.MEDIA_DATA_MISSING;
                }
            }
            lastRefusal = refusal;
            answer = refusal == null ? WeChatTestServer.frontCard() : WeChatTestServer.error(refusal, WeChatTestServer.REFUSALS.get(refusal));
        }
        final byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

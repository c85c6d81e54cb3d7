package dev.nifiidcard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A Jumdata endpoint on the JDK's own HTTP server, checking requests with {@link JumdataRequestVerifier}. Unlike
 * MockWebServer it does not receive requests through Okio, so it does not compete with the client for Okio's shared
 * segment pool: allocation measured on the client's thread is the client's own.
 */
public final class PlainJumdataEndpoint implements AutoCloseable {

    private final HttpServer server;
    private volatile JumdataRequestVerifier.Form lastForm;

    public PlainJumdataEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public JumdataRequestVerifier.Form lastForm() {
        return lastForm;
    }

    private void answer(final HttpExchange exchange) throws IOException {
        final byte[] body = exchange.getRequestBody().readAllBytes();
        final JumdataRequestVerifier.Form form = JumdataRequestVerifier.verify(exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"), body,
                System.currentTimeMillis(), JumdataTestServer.APP_ID, JumdataTestServer.APP_SECRET);
        lastForm = form;
        final String answer = form.refusal() == null
                ? "{\"code\":200,\"msg\":\"成功\",\"taskNo\":\"plain-endpoint\",\"charge\":true,\"data\":"
                        + JumdataTestServer.frontCard() + "}"
                : JumdataTestServer.error(form.refusal().code(), form.refusal().message()).toString();
        final byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
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

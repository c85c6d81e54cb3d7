package dev.nifiidcard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A TC3-verifying IDCardOCR endpoint on the JDK's own HTTP server. Unlike MockWebServer it does not read requests
 * through Okio, so it never competes with the client for Okio's shared segment pool: allocation measured on the
 * client thread is the client's own.
 */
public final class PlainTencentEndpoint implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private volatile byte[] lastImage;
    private volatile String lastRefusal;

    public PlainTencentEndpoint() throws IOException {
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

    public String lastRefusal() {
        return lastRefusal;
    }

    private void answer(final HttpExchange exchange) throws IOException {
        final byte[] body = exchange.getRequestBody().readAllBytes();
        final String refusal = Tc3RequestVerifier.refusal(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                name -> exchange.getRequestHeaders().getFirst(name), body, System.currentTimeMillis() / 1000,
                TencentOcrTestServer.SECRET_ID, TencentOcrTestServer.SECRET_KEY);
        lastRefusal = refusal;
        final ObjectNode response;
        if (refusal == null) {
            final JsonNode request = MAPPER.readTree(body);
            lastImage = Base64.getDecoder().decode(request.path("ImageBase64").asText());
            response = TencentOcrTestServer.frontCard();
        } else {
            response = TencentOcrTestServer.error(refusal, "refused");
        }
        response.put("RequestId", "plain-endpoint");
        final byte[] answer = MAPPER.createObjectNode().set("Response", response).toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.nifiidcard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A TC3-verifying IDCardOCR endpoint on the JDK's own HTTP server ({@link LoopbackHttpServer}), so that allocation
 * measured on the client's thread is the client's own.
 */
public final class PlainTencentEndpoint implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LoopbackHttpServer server;
    private volatile byte[] lastImage;
    private volatile String lastRefusal;

    public PlainTencentEndpoint() throws IOException {
        server = new LoopbackHttpServer(this::answer);
    }

    public String url() {
        return server.url();
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
        LoopbackHttpServer.reply(exchange, 200, "application/json", answer);
    }

    @Override
    public void close() {
        server.close();
    }
}

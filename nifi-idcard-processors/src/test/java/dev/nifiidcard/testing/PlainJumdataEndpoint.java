package dev.nifiidcard.testing;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A Jumdata endpoint on the JDK's own HTTP server ({@link LoopbackHttpServer}), checking requests with
 * {@link JumdataRequestVerifier}, so that allocation measured on the client's thread is the client's own.
 */
public final class PlainJumdataEndpoint implements AutoCloseable {

    private final LoopbackHttpServer server;
    private volatile JumdataRequestVerifier.Form lastForm;

    public PlainJumdataEndpoint() throws IOException {
        server = new LoopbackHttpServer(this::answer);
    }

    public String url() {
        return server.url();
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
        LoopbackHttpServer.reply(exchange, 200, "application/json;charset=UTF-8", bytes);
    }

    @Override
    public void close() {
        server.close();
    }
}

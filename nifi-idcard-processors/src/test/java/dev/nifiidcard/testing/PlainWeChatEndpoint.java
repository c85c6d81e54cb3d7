package dev.nifiidcard.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The WeChat API of {@link WeChatTestServer} (same token and upload checks) on the JDK's own HTTP server
 * ({@link LoopbackHttpServer}), so that allocation measured on the client's thread while the image is sent is the
 * client's own.
 */
public final class PlainWeChatEndpoint implements AutoCloseable {

    private final LoopbackHttpServer server;
    private final WeChatTestServer.TokenDesk tokens = new WeChatTestServer.TokenDesk();
    private volatile byte[] lastImage;
    private volatile Integer lastRefusal;

    public PlainWeChatEndpoint() throws IOException {
        server = new LoopbackHttpServer(this::answer);
    }

    public String url() {
        return server.url();
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
            answer = tokens.answer(WeChatTestServer.TokenDesk.parse(body));
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
        LoopbackHttpServer.reply(exchange, 200, "application/json", bytes);
    }

    @Override
    public void close() {
        server.close();
    }
}

package dev.nifiidcard.provider.http;

import com.sun.net.httpserver.HttpServer;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.provider.HttpClientProperties;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.nifi.util.MockPropertyContext;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpClientFactoryTest {

    @Test
    void connectionsHaveNagleOff() throws Exception {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        final OkHttpClient http = HttpClientFactory.create(new MockPropertyContext(Map.of(
                HttpClientProperties.CONNECT_TIMEOUT, "5 secs",
                HttpClientProperties.READ_TIMEOUT, "5 secs")));
        try {
            final AtomicReference<Boolean> noDelay = new AtomicReference<>();
            final OkHttpClient observed = http.newBuilder().addNetworkInterceptor(chain -> {
                noDelay.set(chain.connection().socket().getTcpNoDelay());
                return chain.proceed(chain.request());
            }).build();
            try (Response response = observed.newCall(new Request.Builder()
                    .url("http://127.0.0.1:" + server.getAddress().getPort() + "/").build()).execute()) {
                assertEquals(204, response.code());
            }
            assertTrue(noDelay.get(), "TCP_NODELAY");
        } finally {
            HttpClientFactory.close(http);
            server.stop(0);
        }
    }

    @Test
    void aTricklingAnswerEndsAtTheCallTimeout() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            // one byte a second: every read arrives within Read Timeout, the whole answer never does
            server.enqueue(new MockResponse.Builder().body("{\"Response\":{}}").throttleBody(1, 1, TimeUnit.SECONDS).build());
            server.start();
            final OkHttpClient http = HttpClientFactory.create(new MockPropertyContext(Map.of(
                    HttpClientProperties.READ_TIMEOUT, "10 secs",
                    HttpClientProperties.CALL_TIMEOUT, "1 sec")));
            try {
                final IdCardOcrException failure = assertThrows(IdCardOcrException.class,
                        () -> ProviderExchange.send(http, new Request.Builder().url(server.url("/")).get().build()));
                assertEquals("Transport.Timeout", failure.getCode());
                assertTrue(failure.isRetryable());
            } finally {
                HttpClientFactory.close(http);
            }
        }
    }

    @Test
    void everyKindOfSocketHasNagleOff() throws Exception {
        try (var socket = new NoDelaySocketFactory().createSocket()) {
            assertTrue(socket.getTcpNoDelay());
        }
    }
}

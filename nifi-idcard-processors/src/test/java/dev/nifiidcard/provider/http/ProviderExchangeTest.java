package dev.nifiidcard.provider.http;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.testing.TestImages;
import dev.nifiidcard.testing.Verification;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whether a failure may have been billed is judged per attempt, whatever an earlier attempt with the same body did. */
class ProviderExchangeTest {

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).readTimeout(Duration.ofSeconds(5)).build();
    private RequestBody body;

    @BeforeEach
    void start() throws Exception {
        server.start();
        final ImagePartBody image = ImagePartBody.of(ImageSource.of(TestImages.jpeg(320, 200)));
        body = new MultipartBody.Builder().setType(MultipartBody.FORM).addFormDataPart("img", image.fileName(), image).build();
    }

    @AfterEach
    void stop() {
        server.close();
        HttpClientFactory.close(http);
    }

    @Test
    void aConnectionDroppedAfterTheWholeRequestIsAnAnswerLost() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

        final IdCardOcrException failure = assertThrows(IdCardOcrException.class, () -> ProviderExchange.send(http, post(server.url("/"))));
        assertTrue(failure.isAnswerLost(), failure.getMessage());
        assertTrue(failure.getMessage().contains("may have recognized and billed"), failure.getMessage());
    }

    @Test
    void aRetryThatNeverReachedTheProviderIsNotAnAnswerLostAfterAWholeFirstAttempt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"errcode\":-1}").build());
        assertEquals(200, ProviderExchange.send(http, post(server.url("/"))).status());

        // the same body again, to an endpoint that refuses the connection: nothing of this attempt was sent
        final HttpUrl refused = new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(Verification.closedPort()).build();
        final IdCardOcrException failure = assertThrows(IdCardOcrException.class, () -> ProviderExchange.send(http, post(refused)));
        assertEquals("Transport.ConnectFailed", failure.getCode());
        assertTrue(failure.isRetryable());
        assertFalse(failure.isAnswerLost(), failure.getMessage());
    }

    @Test
    void aGetIsNeverAnAnswerLost() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

        final IdCardOcrException failure = assertThrows(IdCardOcrException.class,
                () -> ProviderExchange.send(http, new Request.Builder().url(server.url("/token")).get().build()));
        assertFalse(failure.isAnswerLost());
    }

    private Request post(final HttpUrl url) {
        return new Request.Builder().url(url).post(body).build();
    }
}

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
import okio.Buffer;
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

    @Test
    void aServiceUnavailableWithRetryAfterZeroIsNotSentAgain() throws Exception {
        // OkHttp's own follow-up would re-send a re-playable body at once: a second recognition, maybe billed twice
        final OkHttpClient defaults = new OkHttpClient();
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").body("busy").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

        assertEquals(503, ProviderExchange.send(defaults, post(server.url("/"))).status());
        assertEquals(1, server.getRequestCount());
        HttpClientFactory.close(defaults);
    }

    @Test
    void aRequestTimeoutIsNotSentAgain() throws Exception {
        // like a 503 with Retry-After 0, and a 421 on a coalesced HTTP/2 connection: OkHttp re-sends unless one-shot
        final OkHttpClient defaults = new OkHttpClient();
        server.enqueue(new MockResponse.Builder().code(408).body("timeout").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

        assertEquals(408, ProviderExchange.send(defaults, post(server.url("/"))).status());
        assertEquals(1, server.getRequestCount());
        HttpClientFactory.close(defaults);
    }

    @Test
    void anAnswerLargerThanAnyProvidersIsRefusedBeforeItIsHeld() {
        final Buffer huge = new Buffer().write(new byte[(int) ProviderExchange.MAX_ANSWER_BYTES + 1]);
        // announced with Content-Length, then without (chunked): neither is read into memory whole
        server.enqueue(new MockResponse.Builder().code(200).body(huge.copy()).build());
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(huge, 64 * 1024).build());

        for (int i = 0; i < 2; i++) {
            final IdCardOcrException failure = assertThrows(IdCardOcrException.class, () -> ProviderExchange.send(http, post(server.url("/"))));
            assertEquals("Transport.AnswerTooLarge", failure.getCode());
            assertFalse(failure.isRetryable(), "the same endpoint answers the same way");
            assertTrue(failure.isAnswerLost(), "a 200 to a whole request: the provider may have billed it");
            assertTrue(failure.getMessage().contains("check the Endpoint URL"), failure.getMessage());
        }
    }

    private Request post(final HttpUrl url) {
        return new Request.Builder().url(url).post(body).build();
    }
}

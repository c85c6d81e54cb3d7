package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.apache.nifi.util.MockComponentLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renewing a stale credential once, as every provider does it: each request sent waits for its own rate-limit slot. */
class ProviderAttemptTest {

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient http = new OkHttpClient();
    private final List<String> renewed = new ArrayList<>();
    private final AtomicInteger slots = new AtomicInteger();
    private final Pacer pacer = slots::incrementAndGet;

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theRequestSentAgainAfterARenewalTakesASlotToo() throws Exception {
        server.enqueue(new MockResponse.Builder().body("stale").build());
        server.enqueue(new MockResponse.Builder().body("card").build());

        final IdCardRecognition recognition = ProviderAttempt.recognize(http, "Test", tokens(), call(), pacer, new MockComponentLog("id", this));
        assertEquals(CardSide.FRONT, recognition.side());
        assertEquals(List.of("token-1"), renewed);
        assertEquals(2, server.getRequestCount());
        assertEquals(2, slots.get(), "one slot per request sent");
        assertEquals("Bearer token-1", server.takeRequest().getHeaders().get("Authorization"));
        assertEquals("Bearer token-2", server.takeRequest().getHeaders().get("Authorization"), "sent again with the renewed credential");
    }

    @Test
    void aSecondStaleRefusalIsFinalAndNamesTheCredential() {
        server.enqueue(new MockResponse.Builder().body("stale").build());
        server.enqueue(new MockResponse.Builder().body("stale").build());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class,
                () -> ProviderAttempt.recognize(http, "Test", tokens(), call(), pacer, new MockComponentLog("id", this)));
        assertTrue(e.getMessage().startsWith("Test refused a newly fetched access token too"), e.getMessage());
        assertEquals(IdCardOcrException.Category.CREDENTIALS, e.getCategory());
        assertFalse(e instanceof StaleCredentialException, "final, not renewed again");
        assertEquals(2, slots.get());
    }

    /** Tokens token-1, token-2, …: renewing drops the current one. */
    private CredentialSource<String> tokens() {
        final AtomicInteger issued = new AtomicInteger(1);
        return new CredentialSource<>() {
            @Override
            public String current() {
                return "token-" + issued.get();
            }

            @Override
            public void renew(final String stale) {
                renewed.add(stale);
                issued.incrementAndGet();
            }

            @Override
            public String name() {
                return "access token";
            }

            @Override
            public List<String> secrets(final String credential) {
                return List.of(credential);
            }
        };
    }

    /** A provider that answers "stale" for a refused credential and "card" for a recognition. */
    private ProviderCall<String> call() {
        return ProviderCall.of(token -> new Request.Builder().url(server.url("/ocr")).header("Authorization", "Bearer " + token)
                .post(RequestBody.create(new byte[] {1, 2, 3})).build(), answer -> {
            if ("stale".equals(answer.body())) {
                throw new StaleCredentialException(new IdCardOcrException("40001", "invalid credential",
                        IdCardOcrException.Category.CREDENTIALS, false));
            }
            return new IdCardRecognition(CardSide.FRONT, new IdCardFields("n", null, null, null, null, null, null, null, null),
                    List.of(), null, null, null, null);
        });
    }
}

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

/**
 * Renewing a stale credential once, as every provider does it. The caller took the first request's rate-limit slot
 * (AbstractIdCardOcrService before preparing the call); a request sent again after a renewal takes its own, after the
 * renewal and before it is sent.
 */
class ProviderAttemptTest {

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient http = new OkHttpClient();
    private final List<String> renewed = new ArrayList<>();
    /** For each slot taken: how many requests the server had received and which credentials were renewed by then. */
    private final List<String> slots = new ArrayList<>();
    private final Pacer pacer = () -> slots.add(server.getRequestCount() + " sent, renewed " + renewed);

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRecognitionWithoutRenewalTakesNoSlotOfItsOwn() throws Exception {
        server.enqueue(new MockResponse.Builder().body("card").build());

        final IdCardRecognition recognition = ProviderAttempt.recognize(http, "Test", tokens(), call(), pacer, new MockComponentLog("id", this));
        assertEquals(CardSide.FRONT, recognition.side());
        assertEquals(1, server.getRequestCount());
        assertEquals(List.of(), slots, "the caller took the first request's slot");
        assertEquals(List.of(), renewed);
    }

    @Test
    void theRequestSentAgainAfterARenewalTakesASlot() throws Exception {
        server.enqueue(new MockResponse.Builder().body("stale").build());
        server.enqueue(new MockResponse.Builder().body("card").build());

        final MockComponentLog log = new MockComponentLog("id", this);
        final IdCardRecognition recognition = ProviderAttempt.recognize(http, "Test", tokens(), call(), pacer, log);
        assertEquals(CardSide.FRONT, recognition.side());
        assertEquals(List.of("token-1"), renewed);
        assertEquals(2, server.getRequestCount());
        assertEquals(List.of("1 sent, renewed [token-1]"), slots, "one slot, after the renewal and before the request sent again");
        assertEquals("Bearer token-1", server.takeRequest().getHeaders().get("Authorization"));
        assertEquals("Bearer token-2", server.takeRequest().getHeaders().get("Authorization"), "sent again with the renewed credential");
        assertTrue(log.getInfoMessages().stream().anyMatch(m -> m.getMsg().contains("refused the cached access token")), "the renewal is logged");
    }

    @Test
    void aSecondStaleRefusalIsFinalAndNamesTheCredential() {
        server.enqueue(new MockResponse.Builder().body("stale").build());
        server.enqueue(new MockResponse.Builder().body("stale").build());
        server.enqueue(new MockResponse.Builder().body("card").build());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class,
                () -> ProviderAttempt.recognize(http, "Test", tokens(), call(), pacer, new MockComponentLog("id", this)));
        assertTrue(e.getMessage().startsWith("Test refused a newly fetched access token too"), e.getMessage());
        assertEquals(IdCardOcrException.Category.CREDENTIALS, e.getCategory());
        assertFalse(e instanceof StaleCredentialException, "final, not renewed again");
        assertEquals(List.of("token-1"), renewed, "renewed once");
        assertEquals(2, server.getRequestCount(), "sent twice, not a third time");
        assertEquals(List.of("1 sent, renewed [token-1]"), slots);
    }

    /**
     * No slot free for the request sent again: the renewal stands, nothing more is sent, and the caller gets a
     * retryable failure with the pacer's code. Not RATE_LIMITED, which would roll the FlowFile back as if nothing had
     * been sent: the refused request did reach the provider (the processor routes it to retry, its SEND in the lineage
     * when the refusal had a request id), and the next attempt uses the renewed credential.
     */
    @Test
    void noSlotForTheRequestSentAgainSendsNothingMore() {
        server.enqueue(new MockResponse.Builder().body("stale").build());
        server.enqueue(new MockResponse.Builder().body("card").build());
        final IdCardOcrException limited = new IdCardOcrException(Pacer.RATE_LIMITED, "no call free", IdCardOcrException.Category.RATE_LIMITED, true);
        final Pacer full = () -> {
            throw limited;
        };

        final IdCardOcrException e = assertThrows(IdCardOcrException.class,
                () -> ProviderAttempt.recognize(http, "Test", tokens(), call(), full, new MockComponentLog("id", this)));
        assertEquals(IdCardOcrException.Category.THROTTLED, e.getCategory());
        assertTrue(e.isRetryable());
        assertEquals(Pacer.RATE_LIMITED, e.getCode());
        assertEquals(List.of("token-1"), renewed);
        assertEquals(1, server.getRequestCount(), "the request was not sent again");
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

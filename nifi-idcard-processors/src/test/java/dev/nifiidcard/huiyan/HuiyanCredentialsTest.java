package dev.nifiidcard.huiyan;

import dev.nifiidcard.testing.ManualClock;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardOcrException.Category;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.testing.HuiyanRecognizerRunner;
import dev.nifiidcard.testing.HuiyanTestServer;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.nifiidcard.testing.HuiyanTestServer.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access token and the SIGN ticket: fetched once, shared, replaced when refused or old, and never surfaced. */
class HuiyanCredentialsTest extends HuiyanServiceTest {

    @Test
    void anExpiredTicketIsReplacedAndTheCallTriedOnceMore() throws Exception {
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of());
        recognize(runner, IMAGE, AUTO);
        server.expireTickets();

        recognize(runner, IMAGE, AUTO);
        final List<HuiyanTestServer.Call> calls = server.calls();
        assertEquals(List.of("none", HuiyanTestServer.TICKET_EXPIRED, "none"),
                calls.stream().map(c -> c.refusal() == null ? "none" : c.refusal()).toList());
        assertEquals(2, server.ticketFetches());
        assertEquals(1, server.tokenFetches(), "the token was still good");
        assertTrue(runner.getControllerServiceLogger(HuiyanRecognizerRunner.SERVICE_ID).getInfoMessages().stream()
                .anyMatch(m -> m.getMsg().contains("refused the cached SIGN ticket")));
    }

    @Test
    void anExpiredTokenIsReplacedWhenTheTicketRequestRefusesIt() throws Exception {
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of());
        recognize(runner, IMAGE, AUTO);
        server.expireTokens();

        recognize(runner, IMAGE, AUTO);
        assertEquals(3, server.calls().size());
        assertEquals(2, server.tokenFetches());
        assertEquals(3, server.ticketFetches(), "the first, one refused for its token, one with the new token");
    }

    @Test
    void aSecondRefusalAfterAFreshTicketIsACredentialsFailure() {
        server.then(error(HuiyanTestServer.SIGN_INVALID, "签名校验失败")).then(error(HuiyanTestServer.SIGN_INVALID, "签名校验失败"));
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertEquals(HuiyanTestServer.SIGN_INVALID, e.getCode());
        assertEquals(Category.CREDENTIALS, e.getCategory());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("refused a newly fetched SIGN ticket too"), e.getMessage());
        assertEquals(2, server.calls().size(), "sent once more with a fresh ticket, and no more");
        assertEquals(2, server.ticketFetches());
    }

    @Test
    void aWrongSecretIsACredentialsFailureWithoutAnyRecognition() {
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of(TencentHuiyanIdCardOcrService.SECRET, "wrongSecret0000"));

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertEquals(HuiyanTestServer.BAD_CREDENTIALS, e.getCode());
        assertEquals(Category.CREDENTIALS, e.getCategory());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith("Access token refused: "), e.getMessage());
        assertEquals(List.of(), server.calls());
        assertEquals(1, server.tokenFetches());
    }

    /**
     * A throttled token answer, then a dropped one: each is one token request and fails its attempt, retryably and
     * not as an answer lost (a token request bills nothing), with nothing sent for recognition; the next attempt
     * fetches the token and the ticket and is recognized.
     */
    @Test
    void aThrottledOrDroppedTokenAnswerFailsTheAttemptAndTheNextFetchesIt() throws Exception {
        server.thenToken(error("123456", "请求频率过高"))
                .thenToken(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of());

        final IdCardOcrException throttled = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertEquals(Category.THROTTLED, throttled.getCategory());
        assertTrue(throttled.isRetryable());
        assertEquals(1, server.tokenFetches(), "one token request, not retried within the call");

        final IdCardOcrException dropped = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertEquals(Category.TRANSPORT, dropped.getCategory());
        assertTrue(dropped.getCode().startsWith("Transport."), dropped.getCode());
        assertTrue(dropped.isRetryable());
        assertFalse(dropped.isAnswerLost(), "a token request bills nothing");
        assertEquals(2, server.tokenFetches());
        assertEquals(0, server.ticketFetches());
        assertEquals(List.of(), server.calls(), "no recognition without a ticket");

        assertEquals(CardSide.FRONT, recognize(runner, IMAGE, AUTO).side());
        assertEquals(3, server.tokenFetches());
        assertEquals(1, server.ticketFetches());
        assertEquals(1, server.calls().size());
        assertNull(server.calls().getFirst().refusal());
    }

    /** A dropped ticket answer fails the attempt retryably; the next attempt fetches a ticket with the token it holds. */
    @Test
    void aDroppedTicketAnswerFailsTheAttemptAndTheNextFetchesIt() throws Exception {
        server.thenTicket(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of());

        final IdCardOcrException dropped = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertTrue(dropped.getCode().startsWith("Transport."), dropped.getCode());
        assertTrue(dropped.isRetryable());
        assertFalse(dropped.isAnswerLost(), "a ticket request bills nothing");
        assertEquals(1, server.ticketFetches(), "one ticket request, not retried within the call");
        assertEquals(List.of(), server.calls());

        assertEquals(CardSide.FRONT, recognize(runner, IMAGE, AUTO).side());
        assertEquals(2, server.ticketFetches());
        assertEquals(1, server.tokenFetches(), "the token fetched before is still good");
        assertEquals(1, server.calls().size());
    }

    /** Many callers with no ticket yet: one of them fetches the token and the ticket, the others wait for it. */
    @Test
    void concurrentCallersShareOneTokenAndOneTicketFetch() throws Exception {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final TencentHuiyanIdCardOcrService service = HuiyanRecognizerRunner.service(runner);
        final HuiyanTestServer.TicketGate gate = server.gateTickets();
        final int callers = 8;
        final List<Thread> waiting = new ArrayList<>();
        final ExecutorService pool = Executors.newFixedThreadPool(callers, runnable -> {
            final Thread thread = new Thread(runnable);
            synchronized (waiting) {
                waiting.add(thread);
            }
            return thread;
        });
        try {
            final Callable<IdCardRecognition> call = () -> service.recognize(ImageSource.of(IMAGE), AUTO);
            final List<Future<IdCardRecognition>> results = new ArrayList<>();
            results.add(pool.submit(call));
            assertTrue(gate.awaitArrival(), "the first caller asked for a ticket");
            for (int i = 1; i < callers; i++) {
                results.add(pool.submit(call));
            }
            // the others must be parked waiting for that fetch, not asking the server for their own
            final List<Thread> others;
            synchronized (waiting) {
                others = List.copyOf(waiting.subList(1, waiting.size()));
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (others.size() < callers - 1 || !others.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
                assertTrue(System.nanoTime() < deadline, "callers did not wait for the ticket being fetched");
                Thread.onSpinWait();
            }
            gate.open();
            for (final Future<IdCardRecognition> result : results) {
                assertEquals(CardSide.FRONT, result.get(10, TimeUnit.SECONDS).side());
            }
        } finally {
            gate.open();
            pool.shutdownNow();
        }
        assertEquals(1, server.tokenFetches());
        assertEquals(1, server.ticketFetches());
        assertEquals(1, server.maxConcurrentTicketFetches());
        assertEquals(callers, server.calls().size());
        assertTrue(server.calls().stream().allMatch(c -> c.refusal() == null));
    }

    @Test
    void theTicketIsKeptAtMostTwentyMinutesAndNeverBeyondItsToken() throws Exception {
        final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
        final TencentHuiyanIdCardOcrService service = new TencentHuiyanIdCardOcrService();
        service.setClock(clock);
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of(), service);

        recognize(runner, IMAGE, AUTO);
        clock.setSinceStart(Duration.ofMinutes(18));
        recognize(runner, IMAGE, AUTO);
        assertEquals(1, server.ticketFetches(), "18 minutes: kept");
        clock.setSinceStart(Duration.ofMinutes(19).plusSeconds(30));
        recognize(runner, IMAGE, AUTO);
        assertEquals(2, server.ticketFetches(), "19.5 minutes: replaced, a minute before its 20 minutes are up");
        clock.setSinceStart(Duration.ofMinutes(105));
        recognize(runner, IMAGE, AUTO);
        assertEquals(3, server.ticketFetches());
        assertEquals(1, server.tokenFetches(), "the token lives 7200 s");
        // the third ticket would live until 125 min, but its token expires at 120 min: both are replaced at 119 min
        clock.setSinceStart(Duration.ofMinutes(119).plusSeconds(30));
        recognize(runner, IMAGE, AUTO);
        assertEquals(4, server.ticketFetches());
        assertEquals(2, server.tokenFetches());
        assertTrue(server.calls().stream().allMatch(c -> c.refusal() == null));
    }

    @Test
    void noExceptionMessageOrLogHoldsASecret() throws Exception {
        final String wrongSecret = "wrongSecretEchoed0000";
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of());
        final List<String> surfaced = new ArrayList<>();
        // a refusal that echoes the call's sign, and a dropped connection while the ticket is fetched
        server.then(call -> error("777", "sign " + call.field("sign") + " for 440524198701010014 rejected"));
        surfaced.add(assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO)).getMessage());
        server.expireTickets();
        server.thenTicket(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        final IdCardOcrException dropped = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertTrue(dropped.isRetryable(), dropped.getCode());
        surfaced.add(dropped.getMessage());
        recognize(runner, IMAGE, AUTO);
        // the token request carries the Secret in its query: a refusal that echoes it
        final TencentHuiyanIdCardOcrService service = HuiyanRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, TencentHuiyanIdCardOcrService.SECRET, wrongSecret);
        runner.enableControllerService(service);
        server.thenToken(error(HuiyanTestServer.BAD_CREDENTIALS, "secret " + wrongSecret + " 不正确"));
        final IdCardOcrException refused = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        surfaced.add(refused.getMessage());
        runner.disableControllerService(service);
        surfaced.add(runner.verify(service, Map.of()).toString());

        assertTrue(surfaced.getFirst().contains("sign [redacted] for 440524********0014 rejected"), surfaced.getFirst());
        assertEquals("Access token refused: secret [redacted] 不正确", refused.getMessage());
        final String text = String.join("\n", surfaced)
                + dev.nifiidcard.testing.LogText.of(runner.getControllerServiceLogger(HuiyanRecognizerRunner.SERVICE_ID));
        final Set<String> secrets = new HashSet<>(server.issuedCredentials());
        server.calls().forEach(c -> secrets.add(c.field("sign")));
        secrets.add(HuiyanTestServer.SECRET);
        secrets.add(wrongSecret);
        secrets.add("440524198701010014");
        assertTrue(secrets.size() > 6, "tokens, tickets and signs were issued: " + secrets.size());
        for (final String secret : secrets) {
            assertFalse(text.contains(secret), "leaked into " + text);
        }
    }
}

package dev.nifiidcard.wechat;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardOcrException.Category;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.testing.LogText;
import dev.nifiidcard.testing.WeChatRecognizerRunner;
import dev.nifiidcard.testing.WeChatTestServer;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.nifiidcard.testing.WeChatTestServer.error;
import static dev.nifiidcard.testing.WeChatTestServer.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stable access token: fetched once and shared, replaced when refused, and its fetch failing an attempt. */
class WeChatAccessTokenTest extends WeChatServiceTest {

    @Test
    void twoNodesShareOneStableToken() throws Exception {
        // two enabled services, as two NiFi nodes would have: the second is given the first one's token, not a new one
        final TestRunner first = WeChatRecognizerRunner.create(server);
        final TestRunner second = WeChatRecognizerRunner.create(server);
        recognize(first, IMAGE);
        recognize(second, IMAGE);
        recognize(first, IMAGE);

        assertEquals(1, server.tokensIssued());
        assertEquals(2, server.tokenCalls().size(), "one fetch a node");
        assertTrue(server.calls().stream().allMatch(call -> call.refusal() == null), "neither node's token was invalidated");
    }

    @Test
    void theTokenIsFetchedOnceAndReused() throws Exception {
        final TestRunner runner = WeChatRecognizerRunner.create(server);
        for (int i = 0; i < 3; i++) {
            recognize(runner, IMAGE);
        }
        assertEquals(1, server.tokensIssued());
        assertEquals(4, server.requestCount(), "one token request, three recognitions");
        assertEquals(1, server.calls().stream().map(WeChatTestServer.Call::accessToken).distinct().count());
    }

    /** The server expires or revokes the token as WeChat does; the service fetches a new one and sends once more. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aRefusedTokenIsReplacedAndTheImageSentOnceMore(final boolean expire) throws Exception {
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of());
        recognize(runner, IMAGE);
        if (expire) {
            server.expireTokens();
        } else {
            server.revokeTokens();
        }

        assertEquals(CardSide.FRONT, recognize(runner, IMAGE).side());

        final List<WeChatTestServer.Call> calls = server.calls();
        assertEquals(3, calls.size());
        assertEquals(expire ? 42001 : 40001, calls.get(1).refusal());
        assertNull(calls.get(2).refusal());
        assertNotEquals(calls.get(1).accessToken(), calls.get(2).accessToken());
        assertArrayEquals(IMAGE, calls.get(2).image(), "the image is streamed again whole");
        assertEquals(2, server.tokensIssued());
        final String log = LogText.of(runner.getControllerServiceLogger(WeChatRecognizerRunner.SERVICE_ID));
        assertTrue(log.contains("WeChat refused the cached access token"), log);
        assertFalse(log.contains(calls.get(1).accessToken()) || log.contains(calls.get(2).accessToken()), "no token in the log");
    }

    @ParameterizedTest
    @ValueSource(ints = {40001, 40014, 42001})
    void eachTokenRefusalCodeFetchesANewToken(final int errcode) throws Exception {
        server.then(ok(error(errcode, "token refused")));
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of());

        assertEquals(CardSide.FRONT, recognize(runner, IMAGE).side());
        // asked again: WeChat's stable_token gives a new token once it holds the old one invalid (here it is scripted)
        assertEquals(2, server.tokenCalls().size());
        assertEquals(2, server.calls().size());
    }

    @Test
    void aSecondRefusalIsACredentialsFailure() {
        server.setFallback(call -> ok(error(40014, "invalid access_token")));
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE));
        assertEquals("40014", e.getCode());
        assertEquals(Category.CREDENTIALS, e.getCategory());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith("WeChat refused a newly fetched access token too"), e.getMessage());
        assertEquals(2, server.calls().size(), "sent once more with a new token, and no more");
        assertEquals(2, server.tokenCalls().size());
    }

    @ParameterizedTest
    @CsvSource({"App ID, 40013", "App Secret, 40125"})
    void refusedCredentialsFailBeforeAnyRecognition(final String property, final int errcode) {
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of());
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, property, "wrongValue0000SECRET");
        runner.enableControllerService(service);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE));
        assertEquals(Integer.toString(errcode), e.getCode());
        assertEquals(Category.CREDENTIALS, e.getCategory());
        assertFalse(e.isRetryable());
        assertFalse(e.getMessage().contains("wrongValue0000SECRET"));
        assertEquals(1, server.requestCount(), "one token request, no recognition");
    }

    @Test
    void aNodeOutsideTheIpWhitelistIsACredentialsFailure() {
        server.thenToken(ok(error(40164, "invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist")));
        final TestRunner runner = WeChatRecognizerRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE));
        assertEquals("40164", e.getCode());
        assertEquals(Category.CREDENTIALS, e.getCategory());
        assertTrue(e.getMessage().contains("IP whitelist") && e.getMessage().contains("203.0.113.7"), e.getMessage());
        assertTrue(server.calls().isEmpty());
    }

    /**
     * A busy token endpoint: one token request, and the attempt fails retryably before any recognition (not retried
     * within the call); the next attempt fetches a token and is recognized.
     */
    @Test
    void aBusyTokenEndpointFailsTheAttemptAndTheNextFetchesAToken() throws Exception {
        server.thenToken(ok(error(-1, "system error")));
        final TestRunner runner = WeChatRecognizerRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE));
        assertEquals("-1", e.getCode());
        assertTrue(e.isRetryable());
        assertFalse(e.isAnswerLost());
        assertEquals(1, server.tokenCalls().size(), "one token request");
        assertTrue(server.calls().isEmpty(), "no recognition without a token");

        assertEquals(CardSide.FRONT, recognize(runner, IMAGE).side());
        assertEquals(2, server.tokenCalls().size());
        assertEquals(1, server.tokensIssued());
        assertEquals(1, server.calls().size());
        assertNull(server.calls().getFirst().refusal());
    }

    /**
     * A lost token answer, then a malformed one: each is one token request and a retryable failure of its attempt,
     * never an answer lost (a token request bills nothing, so the processor retries it whatever Retry After Answer
     * Lost says); the third attempt fetches a token and is recognized.
     */
    @Test
    void aLostOrMalformedTokenAnswerFailsTheAttemptRetryably() throws Exception {
        server.thenToken(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build())
                .thenToken(ok(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("errmsg", "not a token")));
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of());

        final IdCardOcrException lost = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE));
        assertTrue(lost.getCode().startsWith("Transport."), lost.getCode());
        assertTrue(lost.isRetryable());
        assertFalse(lost.isAnswerLost(), "a token request bills nothing");
        assertEquals(1, server.tokenCalls().size());

        final IdCardOcrException malformed = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE));
        assertEquals("Transport.MalformedResponse", malformed.getCode());
        assertTrue(malformed.isRetryable());
        assertFalse(malformed.isAnswerLost());
        assertEquals(2, server.tokenCalls().size());
        assertTrue(server.calls().isEmpty());

        assertEquals(CardSide.FRONT, recognize(runner, IMAGE).side());
        assertEquals(3, server.tokenCalls().size(), "a dropped answer, a malformed one, then a token");
        assertEquals(1, server.calls().size());
    }

    /** Many tasks start at once without a token: one fetch, the others wait for it. */
    @Test
    void concurrentFirstCallsShareOneTokenFetch() throws Exception {
        final TestRunner runner = WeChatRecognizerRunner.create(server);
        final CountDownLatch tokenRequested = server.holdTokens();
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(new Thread(() -> {
                try {
                    assertEquals(CardSide.FRONT, recognize(runner, IMAGE).side());
                } catch (final Throwable t) {
                    failures.add(t);
                }
            }, "recognizer-" + i));
        }
        threads.getFirst().start();
        assertTrue(tokenRequested.await(10, TimeUnit.SECONDS), "the first task asked for a token");
        threads.subList(1, threads.size()).forEach(Thread::start);
        awaitWaiting(threads.subList(1, threads.size()));
        server.releaseTokens();
        for (final Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(20));
        }

        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals(1, server.tokenCalls().size(), "one token request at the server");
        assertEquals(8, server.calls().size());
        assertTrue(server.calls().stream().allMatch(call -> call.refusal() == null));
    }

    /** Many tasks refused with the same expired token: one new token for all of them. */
    @Test
    void concurrentRefusalsOfTheSameTokenFetchOneNewToken() throws Exception {
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of());
        recognize(runner, IMAGE);
        server.expireTokens();

        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final CountDownLatch go = new CountDownLatch(1);
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            final Thread thread = new Thread(() -> {
                try {
                    go.await();
                    recognize(runner, IMAGE);
                } catch (final Throwable t) {
                    failures.add(t);
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (final Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(20));
        }

        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals(2, server.tokensIssued(), "the first token, and one replacement for all eight tasks");
    }

    /** Until every thread is parked waiting (for the token being fetched); polls, without a fixed sleep. */
    private static void awaitWaiting(final List<Thread> threads) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            assertTrue(System.nanoTime() < deadline, "threads not all waiting for the token: "
                    + threads.stream().map(Thread::getState).toList());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}

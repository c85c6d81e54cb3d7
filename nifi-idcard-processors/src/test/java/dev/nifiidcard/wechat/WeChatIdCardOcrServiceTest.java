package dev.nifiidcard.wechat;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardOcrException.Category;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.testing.LogText;
import dev.nifiidcard.testing.PlainWeChatEndpoint;
import dev.nifiidcard.testing.ServiceRunner;
import dev.nifiidcard.testing.TestImages;
import dev.nifiidcard.testing.ThreadAllocation;
import dev.nifiidcard.testing.WeChatRecognizerRunner;
import dev.nifiidcard.testing.WeChatTestServer;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.nifiidcard.testing.Verification.assertOutcomes;
import static dev.nifiidcard.testing.Verification.closedPort;
import static dev.nifiidcard.testing.WeChatTestServer.error;
import static dev.nifiidcard.testing.WeChatTestServer.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeChatIdCardOcrServiceTest {

    /** What the processor asks: WeChat can honour none of it but the recognition itself. */
    private static final RecognitionRequest REQUEST = new RecognitionRequest(CardSide.FRONT, EnumSet.of(CardWarning.PHOTOCOPY), true, true, true);
    private static final byte[] IMAGE = TestImages.jpeg(640, 400);

    private WeChatTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new WeChatTestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

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
    void sendsTheDocumentedRequests() throws Exception {
        final TestRunner runner = WeChatRecognizerRunner.create(server);
        recognize(runner, IMAGE);

        final WeChatTestServer.TokenCall tokenCall = server.tokenCalls().getFirst();
        assertNull(tokenCall.refusal());
        // the stable token: shared by every node while valid, the App Secret in the body, never in a URL
        assertEquals("/cgi-bin/stable_token", tokenCall.url().encodedPath());
        assertEquals(Set.of(), tokenCall.url().queryParameterNames());
        assertEquals("client_credential", tokenCall.body().path("grant_type").asText());
        assertEquals(WeChatTestServer.APP_ID, tokenCall.body().path("appid").asText());
        assertEquals(WeChatTestServer.APP_SECRET, tokenCall.body().path("secret").asText());
        assertFalse(tokenCall.body().path("force_refresh").asBoolean(true), "never invalidates the token other nodes use");

        final WeChatTestServer.Call call = server.calls().getFirst();
        assertNull(call.refusal(), "the server accepted the token and the upload");
        assertEquals("/cv/ocr/idcard", call.url().encodedPath());
        assertEquals(Set.of("type", "access_token"), call.url().queryParameterNames());
        assertEquals("photo", call.type());
        assertTrue(call.header("Content-Type").startsWith("multipart/form-data; boundary="), call.header("Content-Type"));
        assertNull(call.header("Transfer-Encoding"), "not chunked");
        assertTrue(Long.parseLong(call.header("Content-Length")) > IMAGE.length, "the length is announced up front");

        final WeChatTestServer.Upload upload = call.upload();
        assertEquals(1, upload.parts(), "one part, nothing else");
        assertEquals("img", upload.name());
        assertEquals("idcard.jpg", upload.fileName());
        assertEquals(MediaType.get("image/jpeg"), upload.contentType());
        assertArrayEquals(IMAGE, upload.bytes(), "the img part carries the image byte for byte");
    }

    @Test
    void imageTypeScanAndThePngFileName() throws Exception {
        final byte[] png = TestImages.png(640, 400);
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of(WeChatIdCardOcrService.IMAGE_TYPE, "scan"));
        recognize(runner, png);

        final WeChatTestServer.Call call = server.calls().getFirst();
        assertEquals("scan", call.type());
        assertEquals("idcard.png", call.upload().fileName());
        assertEquals(MediaType.get("image/png"), call.upload().contentType());
        assertArrayEquals(png, call.image());
    }

    @Test
    void frontAndBackAreNormalized() throws Exception {
        server.then(ok(WeChatTestServer.frontCard())).then(ok(WeChatTestServer.backCard("20070105-20270105")));
        final TestRunner runner = WeChatRecognizerRunner.create(server);

        final IdCardRecognition front = recognize(runner, IMAGE);
        assertEquals(CardSide.FRONT, front.side());
        assertEquals("李明", front.fields().name());
        assertEquals("440524198701010014", front.fields().number());
        assertNull(front.fields().birth());

        final IdCardRecognition back = recognize(runner, IMAGE);
        assertEquals(CardSide.BACK, back.side(), "the side WeChat detected, whatever was asked");
        assertEquals("2007-01-05", back.fields().validFrom());
        assertEquals("2027-01-05", back.fields().validUntil());
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

    /**
     * Busy (-1) or throttling (45011): each attempt is one call and a retryable failure, nothing retried within the
     * call; the next attempt, with the same token, is recognized.
     */
    @ParameterizedTest
    @CsvSource({"-1, PROVIDER_ERROR", "45011, THROTTLED"})
    void aBusyOrThrottlingWeChatIsOneCallPerAttempt(final int errcode, final Category category) throws Exception {
        server.then(ok(error(errcode, "busy"))).then(ok(error(errcode, "busy")));
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of());

        for (int attempt = 1; attempt <= 2; attempt++) {
            final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE));
            assertEquals(Integer.toString(errcode), e.getCode());
            assertEquals(category, e.getCategory());
            assertTrue(e.isRetryable());
            assertFalse(e.isAnswerLost());
            assertEquals(attempt, server.calls().size(), "one call per attempt");
        }
        assertEquals(CardSide.FRONT, recognize(runner, IMAGE).side());
        assertEquals(3, server.calls().size());
        assertTrue(server.calls().stream().allMatch(call -> call.refusal() == null));
        server.calls().forEach(call -> assertArrayEquals(IMAGE, call.image(), "the image is sent whole each attempt"));
        assertEquals(1, server.tokensIssued(), "a busy WeChat says nothing about the token");
    }

    @ParameterizedTest
    @CsvSource({
            "45009, ACCOUNT, The account's daily API quota is used up",
            "101003, ACCOUNT, The OCR quota bought on the WeChat service market is used up",
            "48001, ACCOUNT, The account is not authorized",
            "101000, REJECTED, WeChat could not use the image",
            "101001, REJECTED, No ID card found in the image",
            "101002, REJECTED, WeChat could not decode the image",
            "47003, PROVIDER_ERROR, argument invalid"
    })
    void finalRefusalsAreNotRetried(final int errcode, final Category category, final String message) {
        server.setFallback(call -> ok(error(errcode, "argument invalid")));
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE));
        assertEquals(Integer.toString(errcode), e.getCode());
        assertEquals(category, e.getCategory());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertTrue(e.getRequestId().matches("[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}"), "the rid of the errmsg: " + e.getRequestId());
        assertEquals(1, server.calls().size());
    }

    @Test
    void errorsMaskIdNumbers() {
        server.setFallback(call -> ok(error(101001, "certificate not found, id 440524198701010014")));
        final TestRunner runner = WeChatRecognizerRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE));
        assertTrue(e.getMessage().contains("id 440524********0014"), e.getMessage());
        assertFalse(e.getMessage().contains("440524198701010014"));
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
     * The whole image went out but the answer was lost: WeChat may have counted it. One call, reported as an answer
     * lost, so that the processor sends it again only with Retry After Answer Lost.
     */
    @Test
    void anAnswerLostAfterTheImageWasSentIsOneCallReportedAsAnswerLost() {
        server.setFallback(call -> new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE));
        assertTrue(e.getCode().startsWith("Transport."), e.getCode());
        assertTrue(e.isAnswerLost());
        assertTrue(e.isRetryable(), "the flow may decide to send it again");
        assertEquals(1, server.calls().size(), "sent once");
        assertArrayEquals(IMAGE, server.calls().getFirst().image(), "it had been sent whole");
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

    /** The sample holds no card: an image refusal proves the token and the account good, other answers say what is wrong. */
    @ParameterizedTest
    @CsvSource({
            "101001, SUCCESSFUL",
            "101002, SUCCESSFUL",
            "45009, FAILED",
            "101003, FAILED",
            "-1, SKIPPED"
    })
    void verifyJudgesTheAnswerToTheSample(final int errcode, final Outcome authenticate) {
        server.setFallback(call -> ok(error(errcode, "answer to the sample")));
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of());
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(runner);
        runner.disableControllerService(service);

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, authenticate);
        assertTrue(results.get(1).getExplanation().contains(Integer.toString(errcode)), results.get(1).getExplanation());
        assertEquals(1, server.tokenCalls().size(), "verify fetches a token with the edited properties");
        assertEquals(1, server.calls().size(), "and makes exactly one recognition with it, no retries");
        assertNull(server.calls().getFirst().refusal(), "with the token just issued");
    }

    @Test
    void verifyReportsARecognizedSample() {
        final TestRunner runner = WeChatRecognizerRunner.create(server);
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(runner);
        runner.disableControllerService(service);

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, Outcome.SUCCESSFUL);
        assertTrue(results.get(1).getExplanation().startsWith("Credentials accepted"), results.get(1).getExplanation());
    }

    @Test
    void verifyReportsRefusedCredentials() {
        final TestRunner runner = WeChatRecognizerRunner.create(server);
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, WeChatIdCardOcrService.APP_SECRET, "wrongSecret0000SECRET");

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, Outcome.FAILED);
        assertTrue(results.get(1).getExplanation().startsWith("40125: WeChat refused the App Secret"), results.get(1).getExplanation());
        assertFalse(results.toString().contains("wrongSecret0000SECRET"));
        assertTrue(server.calls().isEmpty(), "no recognition without a token");
    }

    @Test
    void verifyReportsAnUnreachableEndpoint() throws Exception {
        final TestRunner runner = WeChatRecognizerRunner.create(server);
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, WeChatIdCardOcrService.ENDPOINT_URL, "http://127.0.0.1:" + closedPort());

        assertOutcomes(runner.verify(service, Map.of()), Outcome.FAILED, Outcome.SKIPPED);
    }

    @Test
    void processorVerifyRunsOneRecognitionThroughTheService() {
        server.setFallback(call -> ok(error(101001, "certificate not found")));
        final TestRunner runner = WeChatRecognizerRunner.create(server);

        assertOutcomes(runner.verify(Map.of()), Outcome.SUCCESSFUL, Outcome.SUCCESSFUL);
        assertEquals(2, server.requestCount(), "a token and one recognition");
    }

    @Test
    void theTransitUriHasNoQuery() {
        final TestRunner runner = WeChatRecognizerRunner.create(server);
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(runner);

        assertEquals(server.url() + "cv/ocr/idcard", service.getTransitUri());
        assertEquals("wechat", service.getProviderName());
    }

    @Test
    void imageConstraintsFollowWeChatsLimit() {
        final ImageConstraints constraints = WeChatRecognizerRunner.service(WeChatRecognizerRunner.create(server)).getImageConstraints();
        assertEquals(2L * 1024 * 1024 - 1, constraints.maxBytes(), "smaller than 2 MB");
        assertEquals(EnumSet.allOf(ImageFormat.class), constraints.formats());
        assertEquals(160, constraints.minShortSide());
        assertEquals(10_000, constraints.maxLongSide());
    }

    @Test
    void invalidConfigurationIsRefusedUpFront() {
        final TestRunner runner = WeChatRecognizerRunner.create(server);
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.assertValid(service);

        ServiceRunner.invalidEndpointUrls("api.weixin.qq.com", "/cv/ocr/idcard")
                .forEach(url -> assertInvalid(runner, service, WeChatIdCardOcrService.ENDPOINT_URL, url));
        assertInvalid(runner, service, WeChatIdCardOcrService.APP_ID, "   ");
        assertInvalid(runner, service, WeChatIdCardOcrService.APP_SECRET, "   ");
        assertInvalid(runner, service, WeChatIdCardOcrService.IMAGE_TYPE, "selfie");
        assertInvalid(runner, service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, "0");
        assertInvalid(runner, service, HttpClientProperties.READ_TIMEOUT, "0 secs");

        runner.removeProperty(service, WeChatIdCardOcrService.ENDPOINT_URL);
        runner.removeProperty(service, HttpClientProperties.MAX_REQUESTS_PER_SECOND);
        runner.assertValid(service);
        assertEquals("https://api.weixin.qq.com", WeChatIdCardOcrService.ENDPOINT_URL.getDefaultValue());
        assertEquals("photo", WeChatIdCardOcrService.IMAGE_TYPE.getDefaultValue());
        assertEquals("20", HttpClientProperties.MAX_REQUESTS_PER_SECOND.getDefaultValue());
    }

    /**
     * A guard on the streaming design: sending an image just under WeChat's 2 MB limit must allocate far less than
     * the image on the calling thread, which writes the multipart body. The endpoint is the JDK's HTTP server, which
     * does not compete with the client for Okio's segment pool as MockWebServer in this JVM would.
     */
    @Test
    void largeImageIsStreamedNotHeld() throws Exception {
        final byte[] image = TestImages.noisePng(800, 800, 7);
        assertTrue(image.length > 1_800_000 && image.length <= WeChatIdCardOcrService.MAX_IMAGE_BYTES, "image has " + image.length + " bytes");
        try (PlainWeChatEndpoint endpoint = new PlainWeChatEndpoint()) {
            final TestRunner runner = WeChatRecognizerRunner.create(endpoint.url(), Map.of());
            // the first call pays one-off costs (class loading, token, connection, buffer pools); measure a steady-state call
            recognize(runner, image);

            final ThreadAllocation.Measured<IdCardRecognition> measured = ThreadAllocation.measure(() -> recognize(runner, image));
            final IdCardRecognition recognition = measured.result();

            assertNull(endpoint.lastRefusal());
            assertEquals(CardSide.FRONT, recognition.side());
            assertArrayEquals(image, endpoint.lastImage(), "the endpoint received the image byte for byte");
            measured.assertFarLessThan(image);
        }
    }

    static IdCardRecognition recognize(final TestRunner runner, final byte[] image) throws IdCardOcrException {
        return WeChatRecognizerRunner.service(runner).recognize(ImageSource.of(image), REQUEST);
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

    private static void assertInvalid(final TestRunner runner, final WeChatIdCardOcrService service,
                                      final PropertyDescriptor property, final String value) {
        ServiceRunner.assertInvalid(runner, service, property, value, WeChatRecognizerRunner.CREDENTIALS);
    }
}

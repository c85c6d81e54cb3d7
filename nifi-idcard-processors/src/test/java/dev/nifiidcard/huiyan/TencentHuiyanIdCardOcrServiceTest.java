package dev.nifiidcard.huiyan;

import dev.nifiidcard.testing.ManualClock;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.ocr.IdCardOcrException.Category;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionDetail;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.ocr.ReportedWarning;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.provider.http.Base64JsonImageBody;
import dev.nifiidcard.testing.HuiyanRecognizerRunner;
import dev.nifiidcard.testing.HuiyanTestServer;
import dev.nifiidcard.testing.ServiceRunner;
import dev.nifiidcard.testing.TestImages;
import dev.nifiidcard.testing.ThreadAllocation;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static dev.nifiidcard.testing.HuiyanTestServer.backCard;
import static dev.nifiidcard.testing.HuiyanTestServer.error;
import static dev.nifiidcard.testing.HuiyanTestServer.errorWithoutBizSeqNo;
import static dev.nifiidcard.testing.HuiyanTestServer.frontCard;
import static dev.nifiidcard.testing.HuiyanTestServer.ok;
import static dev.nifiidcard.testing.HuiyanTestServer.raw;
import static dev.nifiidcard.testing.Verification.assertOutcomes;
import static dev.nifiidcard.testing.Verification.closedPort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TencentHuiyanIdCardOcrServiceTest {

    private static final RecognitionRequest AUTO = new RecognitionRequest(null, EnumSet.of(CardWarning.PHOTOCOPY), true, false, false);
    private static final byte[] IMAGE = TestImages.jpeg(800, 500);
    private static final Pattern BIZ_SEQ_NO = Pattern.compile("\\d{32}");

    private HuiyanTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new HuiyanTestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---- recognition ----

    @Test
    void frontSideIsSignedAsHuiyanChecksAndNormalized() throws Exception {
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of(TencentHuiyanIdCardOcrService.GET_NATIVE_PLACE, "true"));
        final IdCardRecognition recognition = recognize(runner, IMAGE, AUTO);

        final HuiyanTestServer.Call call = server.calls().getFirst();
        assertNull(call.refusal(), "the server recomputed the sign with the ticket it issued");
        assertEquals("application/json", call.contentType());
        assertEquals(HuiyanTestServer.APP_ID, call.field("appId"));
        assertEquals("1.0.0", call.field("version"));
        assertEquals("nifi", call.field("userId"));
        assertEquals("1", call.field("getNative"));
        assertTrue(call.field("sign").matches("[0-9A-F]{40}"), call.field("sign"));
        assertEquals(call.queryOrderNo(), call.orderNo());
        assertArrayEquals(IMAGE, call.image(), "the server received the image byte for byte");

        assertEquals(CardSide.FRONT, recognition.side(), "inferred from the fields");
        assertEquals(new IdCardFields("李明", "男", "汉", "1987-01-01", "440524198701010014", "北京市石景山区高新技术园腾讯大楼",
                null, null, null), recognition.fields());
        assertEquals(64, recognition.quality());
        assertEquals(List.of(), recognition.warnings());
        assertTrue(BIZ_SEQ_NO.matcher(recognition.requestId()).matches(), "the bizSeqNo: " + recognition.requestId());
        assertEquals(Map.of(RecognitionDetail.ORDER_NUMBER, call.orderNo(), RecognitionDetail.NATIVE_PLACE, "广东省汕头市潮阳县"),
                recognition.details());
        assertEquals(1, server.tokenFetches());
        assertEquals(1, server.ticketFetches());
    }

    @ParameterizedTest
    @CsvSource({
            "20190128-20390128, 2019-01-28, 2039-01-28",
            "20190128-长期, 2019-01-28, long-term"
    })
    void backSideValidityIsNormalized(final String validDate, final String from, final String until) throws Exception {
        server.then(call -> ok(call, backCard(validDate)));
        final TestRunner runner = HuiyanRecognizerRunner.create(server);

        final IdCardRecognition recognition = recognize(runner, IMAGE, AUTO);
        assertEquals(CardSide.BACK, recognition.side());
        assertEquals(new IdCardFields(null, null, null, null, null, null, "深圳市公安局南山分局", from, until), recognition.fields());
        assertEquals(72, recognition.quality());
        assertFalse(server.calls().getFirst().body().has("getNative"), "no native place unless asked for");
        assertEquals(Set.of(RecognitionDetail.ORDER_NUMBER), recognition.details().keySet());
    }

    @Test
    void theRequestedSideIsKept() throws Exception {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final IdCardRecognition recognition = recognize(runner, IMAGE,
                new RecognitionRequest(CardSide.BACK, EnumSet.noneOf(CardWarning.class), false, false, false));
        assertEquals(CardSide.BACK, recognition.side());
        assertNull(recognition.quality(), "no quality unless asked for");
    }

    @Test
    void everyCallHasItsOwnOrderNumberAndNonceWithOneTokenAndTicket() throws Exception {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final IdCardRecognition first = recognize(runner, IMAGE, AUTO);
        final IdCardRecognition second = recognize(runner, IMAGE, AUTO);

        final List<HuiyanTestServer.Call> calls = server.calls();
        assertNotEquals(calls.get(0).orderNo(), calls.get(1).orderNo());
        assertNotEquals(calls.get(0).field("nonce"), calls.get(1).field("nonce"));
        assertEquals(calls.get(0).orderNo(), first.details().get(RecognitionDetail.ORDER_NUMBER));
        assertEquals(calls.get(1).orderNo(), second.details().get(RecognitionDetail.ORDER_NUMBER));
        assertEquals(1, server.tokenFetches());
        assertEquals(1, server.ticketFetches());
    }

    @Test
    void warningsFromBothFieldsAreReportedWhenAskedForOrNotRequestable() throws Exception {
        server.then(call -> ok(call, frontCard().put("multiWarning", "-9102,-9105,-9103").put("warning", "00000001")));
        final TestRunner runner = HuiyanRecognizerRunner.create(server);

        final IdCardRecognition recognition = recognize(runner, IMAGE, AUTO);
        // PHOTOCOPY was asked for; OCCLUSION cannot be asked for; SCREEN_RESHOOT could have been, and was not
        assertEquals(List.of(new ReportedWarning(CardWarning.PHOTOCOPY, "-9102"), new ReportedWarning(CardWarning.OCCLUSION, "-9105"),
                new ReportedWarning(CardWarning.UNKNOWN, "00000001")), recognition.warnings());
    }

    @Test
    void aClarityOutsideZeroToHundredIsNoQuality() throws Exception {
        server.then(call -> ok(call, frontCard().put("clarity", "640")));
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        assertNull(recognize(runner, IMAGE, AUTO).quality());
    }

    // ---- refusals ----

    /** Each kind of refusal and its category: one call whatever it is, retryable or not. */
    @ParameterizedTest
    @CsvSource({
            "图片中未检测到身份证, REJECTED, false",
            "账户余额不足, ACCOUNT, false",
            "an answer nobody documented, PROVIDER_ERROR, false",
            "请求频率过高, THROTTLED, true",
            "系统繁忙, PROVIDER_ERROR, true"
    })
    void eachKindOfRefusalHasItsCategory(final String message, final Category category, final boolean retryable) {
        server.setFallback(call -> error("123456", message));
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertEquals("123456", e.getCode());
        assertEquals(message, e.getMessage());
        assertEquals(category, e.getCategory());
        assertEquals(retryable, e.isRetryable());
        assertFalse(e.isAnswerLost());
        assertTrue(BIZ_SEQ_NO.matcher(e.getRequestId()).matches(), e.getRequestId());
        assertEquals(1, server.calls().size(), "one call: the processor routes what is retryable to retry");
        assertNull(server.calls().getFirst().refusal(), "signed right");
    }

    /**
     * Throttled twice: each attempt is one call and a retryable THROTTLED failure, each with a new order number and
     * signed with the ticket already held; the third attempt is recognized.
     */
    @Test
    void eachAttemptAfterThrottlingIsOneCallWithANewOrderNumber() throws Exception {
        server.then(error("123456", "请求频率过高")).then(error("123456", "请求频率过高"));
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of());

        for (int attempt = 1; attempt <= 2; attempt++) {
            final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
            assertEquals(Category.THROTTLED, e.getCategory());
            assertTrue(e.isRetryable());
            assertEquals(attempt, server.calls().size(), "one call per attempt");
        }
        final IdCardRecognition recognition = recognize(runner, IMAGE, AUTO);
        final List<HuiyanTestServer.Call> calls = server.calls();
        assertEquals(3, calls.size());
        assertEquals(3, calls.stream().map(HuiyanTestServer.Call::orderNo).distinct().count(), "a new order number for each attempt");
        assertTrue(calls.stream().allMatch(c -> c.refusal() == null), "each signed right");
        assertEquals(calls.get(2).orderNo(), recognition.details().get(RecognitionDetail.ORDER_NUMBER));
        assertEquals(1, server.ticketFetches(), "throttling says nothing about the ticket");
        assertEquals(1, server.tokenFetches());
    }

    @Test
    void refusalsMaskIdNumbersAndCarryTheOrderNumberWithoutBizSeqNo() {
        server.setFallback(call -> errorWithoutBizSeqNo("654321", "身份证号 440524198701010014 不合法"));
        final TestRunner runner = HuiyanRecognizerRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertEquals("身份证号 440524********0014 不合法", e.getMessage());
        assertEquals(server.calls().getFirst().orderNo(), e.getRequestId());
    }

    @Test
    void anAnswerThatIsNotHuiyansIsAnAnswerLostAndNotSentAgain() {
        server.then(raw(200, "text/html", "<html>proxy page</html>"));
        final TestRunner runner = HuiyanRecognizerRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertEquals("Transport.MalformedResponse", e.getCode());
        assertTrue(e.isAnswerLost());
        assertEquals(1, server.calls().size());
    }

    @Test
    void anAnswerForAnotherOrderIsNotTaken() {
        server.then(call -> ok(call, frontCard().put("orderNo", "someoneElsesOrder")));
        final TestRunner runner = HuiyanRecognizerRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertEquals("Transport.MalformedResponse", e.getCode());
        assertTrue(e.getMessage().contains("another order number"), e.getMessage());
    }

    @Test
    void aGatewayErrorIsOneCallAndTheNextAttemptIsRecognized() throws Exception {
        server.then(raw(502, "text/html", "<html>Bad Gateway</html>"));
        final TestRunner runner = HuiyanRecognizerRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertEquals("Transport.HTTP502", e.getCode());
        assertTrue(e.isRetryable());
        assertFalse(e.isAnswerLost(), "the gateway answered");
        assertEquals(1, server.calls().size());

        assertEquals(CardSide.FRONT, recognize(runner, IMAGE, AUTO).side());
        assertEquals(2, server.calls().size());
    }

    // ---- credentials ----

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

    // ---- verify ----

    /** The sample holds no card: the answer to it says whether the sign and the account are good. */
    @ParameterizedTest
    @CsvSource({
            "图片中未检测到身份证, SUCCESSFUL",
            "账户余额不足, FAILED",
            "请求频率过高, SKIPPED",
            "服务暂不可用, SKIPPED",
            // an answer in no known wording is shown as a failure, with Huiyan's code and message to act on
            "一个没有见过的回答, FAILED"
    })
    void verifyObtainsATicketAndJudgesTheAnswerToTheSample(final String answer, final Outcome authenticate) {
        server.setFallback(call -> error("123456", answer));
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of());
        final TencentHuiyanIdCardOcrService service = HuiyanRecognizerRunner.service(runner);
        runner.disableControllerService(service);

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertEquals(List.of("Reach Endpoint", TencentHuiyanIdCardOcrService.TICKET_STEP, "Authenticate"),
                results.stream().map(ConfigVerificationResult::getVerificationStepName).toList());
        assertOutcomes(results, Outcome.SUCCESSFUL, Outcome.SUCCESSFUL, authenticate);
        assertTrue(results.get(2).getExplanation().contains("123456"), results.get(2).getExplanation());
        assertNull(server.calls().getFirst().refusal(), "verify signs a real call");
        assertEquals(1, server.calls().size(), "verify makes exactly one recognition call, without retries");
        assertEquals(1, server.tokenFetches());
        assertEquals(1, server.ticketFetches());
    }

    @Test
    void verifyReportsARecognizedSample() {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final TencentHuiyanIdCardOcrService service = HuiyanRecognizerRunner.service(runner);
        runner.disableControllerService(service);

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, Outcome.SUCCESSFUL, Outcome.SUCCESSFUL);
    }

    @Test
    void verifyReportsRefusedCredentials() {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final TencentHuiyanIdCardOcrService service = HuiyanRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, TencentHuiyanIdCardOcrService.SECRET, "wrongSecret0000");

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, Outcome.FAILED);
        assertTrue(results.get(1).getExplanation().startsWith(HuiyanTestServer.BAD_CREDENTIALS + ": Access token refused"),
                results.get(1).getExplanation());
        assertFalse(results.toString().contains("wrongSecret0000"));
        assertEquals(List.of(), server.calls());
    }

    @Test
    void verifyReportsAnUnreachableEndpoint() throws Exception {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final TencentHuiyanIdCardOcrService service = HuiyanRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, TencentHuiyanIdCardOcrService.ENDPOINT_URL, "http://127.0.0.1:" + closedPort());

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.FAILED, Outcome.SKIPPED);
        assertTrue(results.getFirst().getExplanation().contains("Transport.ConnectFailed"), results.getFirst().getExplanation());
    }

    // ---- configuration and limits ----

    @Test
    void invalidConfigurationIsRefusedUpFront() {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final TencentHuiyanIdCardOcrService service = HuiyanRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.assertValid(service);

        ServiceRunner.invalidEndpointUrls("miniprogram-kyc.tencentcloudapi.com", "/api/")
                .forEach(url -> assertInvalid(runner, service, TencentHuiyanIdCardOcrService.ENDPOINT_URL, url));
        assertInvalid(runner, service, TencentHuiyanIdCardOcrService.APP_ID, "IDA-test");
        assertInvalid(runner, service, TencentHuiyanIdCardOcrService.APP_ID, " ");
        assertInvalid(runner, service, TencentHuiyanIdCardOcrService.SECRET, "   ");
        assertInvalid(runner, service, TencentHuiyanIdCardOcrService.USER_ID_PROPERTY, "user 1");
        assertInvalid(runner, service, TencentHuiyanIdCardOcrService.USER_ID_PROPERTY, "user@example");
        assertInvalid(runner, service, TencentHuiyanIdCardOcrService.USER_ID_PROPERTY, "u".repeat(33));
        assertInvalid(runner, service, TencentHuiyanIdCardOcrService.GET_NATIVE_PLACE, "yes");
        assertInvalid(runner, service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, "0");
        assertInvalid(runner, service, HttpClientProperties.READ_TIMEOUT, "0 secs");

        runner.setProperty(service, TencentHuiyanIdCardOcrService.USER_ID_PROPERTY, "User2026");
        runner.assertValid(service);
        runner.setProperty(service, TencentHuiyanIdCardOcrService.ENDPOINT_URL, "https://miniprogram-kyc.tencentcloudapi.com/");
        runner.assertValid(service);
    }

    @Test
    void imageConstraintsFollowHuiyansTwentyMegabyteBase64() {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final var constraints = HuiyanRecognizerRunner.service(runner).getImageConstraints();

        assertEquals(EnumSet.allOf(ImageFormat.class), constraints.formats());
        assertEquals(15_728_640, constraints.maxBytes());
        assertTrue(Base64JsonImageBody.base64Length(constraints.maxBytes()) <= 20_971_520);
        assertTrue(Base64JsonImageBody.base64Length(constraints.maxBytes() + 1) > 20_971_520, "the limit is exact");
        assertEquals("tencent-huiyan", HuiyanRecognizerRunner.service(runner).getProviderName());
        assertEquals(server.url() + "api/paas/idcardocrapp", HuiyanRecognizerRunner.service(runner).getTransitUri());
    }

    /**
     * A guard on the streaming design: sending an image of more than 7 MB must allocate far less than the image on the
     * calling thread, which writes the request body. The endpoint runs on the JDK's HTTP server, which does not share
     * Okio's segment pool with the client.
     */
    @Test
    void largeImageIsStreamedNotHeld() throws Exception {
        final byte[] image = TestImages.noisePng(1580, 1580, 7);
        assertTrue(image.length > 7 * 1024 * 1024, "image has " + image.length + " bytes");
        try (HuiyanTestServer plain = HuiyanTestServer.onJdkHttpServer()) {
            final TestRunner runner = HuiyanRecognizerRunner.create(plain);
            // the first call pays one-off costs (class loading, token, ticket, connection, buffer pools)
            recognize(runner, image, AUTO);

            final ThreadAllocation.Measured<IdCardRecognition> measured = ThreadAllocation.measure(() -> recognize(runner, image, AUTO));
            final IdCardRecognition recognition = measured.result();

            assertNull(plain.calls().getLast().refusal());
            assertEquals(CardSide.FRONT, recognition.side());
            assertArrayEquals(image, plain.calls().getLast().image(), "the endpoint received the image byte for byte");
            measured.assertFarLessThan(image);
        }
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

    // ---- helpers ----

    private static IdCardRecognition recognize(final TestRunner runner, final byte[] image, final RecognitionRequest request)
            throws IdCardOcrException {
        return HuiyanRecognizerRunner.service(runner).recognize(ImageSource.of(image), request);
    }

    private static void assertInvalid(final TestRunner runner, final TencentHuiyanIdCardOcrService service,
                                      final PropertyDescriptor property, final String value) {
        ServiceRunner.assertInvalid(runner, service, property, value, HuiyanRecognizerRunner.CREDENTIALS);
    }
}

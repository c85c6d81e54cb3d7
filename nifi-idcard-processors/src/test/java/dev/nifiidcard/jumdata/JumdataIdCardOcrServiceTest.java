package dev.nifiidcard.jumdata;

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
import dev.nifiidcard.testing.JumdataRequestVerifier;
import dev.nifiidcard.testing.JumdataRunner;
import dev.nifiidcard.testing.JumdataTestServer;
import dev.nifiidcard.testing.PlainJumdataEndpoint;
import dev.nifiidcard.testing.ServiceRunner;
import dev.nifiidcard.testing.TestImages;
import dev.nifiidcard.testing.ThreadAllocation;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.nifiidcard.testing.JumdataTestServer.backCard;
import static dev.nifiidcard.testing.JumdataTestServer.documentedFrontCard;
import static dev.nifiidcard.testing.JumdataTestServer.error;
import static dev.nifiidcard.testing.JumdataTestServer.frontCard;
import static dev.nifiidcard.testing.JumdataTestServer.json;
import static dev.nifiidcard.testing.JumdataTestServer.noCard;
import static dev.nifiidcard.testing.JumdataTestServer.ok;
import static dev.nifiidcard.testing.JumdataTestServer.raw;
import static dev.nifiidcard.testing.JumdataTestServer.rotated;
import static dev.nifiidcard.testing.JumdataTestServer.uncertain;
import static dev.nifiidcard.testing.Verification.assertOutcomes;
import static dev.nifiidcard.testing.Verification.closedPort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JumdataIdCardOcrServiceTest {

    private static final RecognitionRequest AUTO = new RecognitionRequest(null, EnumSet.of(CardWarning.PHOTOCOPY), true, true, true);
    private static final byte[] JPEG = TestImages.jpeg(640, 400);

    private JumdataTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new JumdataTestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---- the request ----

    @Test
    void sendsTheDocumentedFormSignedWithTheServicesClock() throws Exception {
        final TestRunner runner = JumdataRunner.create(server);
        final Instant now = Instant.now().minusSeconds(60);
        JumdataRunner.service(runner).setClock(Clock.fixed(now, ZoneOffset.UTC));
        recognize(runner, JPEG, AUTO);

        final JumdataTestServer.Call call = server.calls().getFirst();
        assertNull(call.refusal(), "the server recomputed the sign and accepted it");
        assertEquals(JumdataTestServer.APP_ID, call.field("appId"));
        assertEquals(Long.toString(now.toEpochMilli()), call.field("timestamp"), "milliseconds of the injected clock");
        assertEquals(JumdataRequestVerifier.sha256Hex(JumdataTestServer.APP_ID + JumdataTestServer.APP_SECRET + now.toEpochMilli()),
                call.field("sign"));
        assertEquals(List.of("appId", "timestamp", "sign"), List.copyOf(call.form().fields().keySet()), "no other text field");
        assertEquals("idcard.jpg", call.form().fileName());
        assertEquals("image/jpeg", call.form().fileContentType());
        assertArrayEquals(JPEG, call.image(), "the file part holds the image byte for byte");
        assertTrue(call.header("Content-Type").startsWith("multipart/form-data; boundary="), call.header("Content-Type"));
        assertEquals(Integer.toString(call.body().length), call.header("Content-Length"), "the length is known up front");
        assertNull(call.header("Transfer-Encoding"), "not chunked");
        assertFalse(new String(call.body(), StandardCharsets.ISO_8859_1).contains(JumdataTestServer.APP_SECRET), "the secret is never sent");
    }

    @Test
    void aPngTravelsAsAPng() throws Exception {
        final byte[] png = TestImages.png(300, 200);
        recognize(JumdataRunner.create(server), png, AUTO);

        final JumdataTestServer.Call call = server.calls().getFirst();
        assertEquals("idcard.png", call.form().fileName());
        assertEquals("image/png", call.form().fileContentType());
        assertArrayEquals(png, call.image());
    }

    @Test
    void imageConstraintsAreJumdatasLimits() {
        final TestRunner runner = JumdataRunner.create(server);
        final var constraints = JumdataRunner.service(runner).getImageConstraints();
        assertEquals(EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG), constraints.formats(), "no BMP");
        assertEquals(2 * 1024 * 1024, constraints.maxBytes());
        assertEquals(9, constraints.minShortSide(), "more than 8 px");
        assertEquals(4000, constraints.maxLongSide());
        assertEquals("jumdata", JumdataRunner.service(runner).getProviderName());
        assertEquals(server.url() + "ocr/idcard-v1", JumdataRunner.service(runner).getTransitUri());
    }

    // ---- the answer ----

    @Test
    void frontSideIsNormalized() throws Exception {
        server.then(ok(frontCard()));
        final IdCardRecognition recognition = recognize(JumdataRunner.create(server), JPEG, AUTO);

        assertEquals(CardSide.FRONT, recognition.side());
        assertEquals(new IdCardFields("李明", "男", "汉", "1987-01-01", "440524198701010014", "广东省深圳市南山区科技园路1号",
                null, null, null), recognition.fields());
        assertEquals(List.of(), recognition.warnings());
        assertTrue(recognition.requestId().matches("\\d{20}"), "taskNo: " + recognition.requestId());
        assertNull(recognition.quality(), "Jumdata reports no quality score");
        assertNull(recognition.croppedCard(), "nor crops");
        assertEquals(Map.of(), recognition.details(), "no rotate field: not rotated");
    }

    @Test
    void documentedFrontSampleGivesAnIsoBirthDate() throws Exception {
        server.then(ok(documentedFrontCard()));
        final IdCardFields fields = recognize(JumdataRunner.create(server), JPEG, AUTO).fields();

        assertEquals("赵宁宁", fields.name());
        assertEquals("1989-12-01", fields.birth(), "year 1989, month 12, day 1");
        assertEquals("330106198912014010", fields.number());
        assertEquals("浙江省杭州市西湖区文二路108号", fields.address());
    }

    @Test
    void backSideWithRotation() throws Exception {
        server.then(ok(rotated(backCard("20190806-20390806"), "cw90")));
        final IdCardRecognition recognition = recognize(JumdataRunner.create(server), JPEG, AUTO);

        assertEquals(CardSide.BACK, recognition.side());
        assertEquals(new IdCardFields(null, null, null, null, null, null, "杭州市公安局余杭分局", "2019-08-06", "2039-08-06"),
                recognition.fields());
        assertEquals(Map.of(RecognitionDetail.ROTATION, "cw90"), recognition.details());
    }

    @Test
    void backSideWithLongTermValidity() throws Exception {
        server.then(ok(backCard("20190806-长期")));
        final IdCardFields fields = recognize(JumdataRunner.create(server), JPEG, AUTO).fields();

        assertEquals("2019-08-06", fields.validFrom());
        assertEquals(IdCardFields.LONG_TERM, fields.validUntil());
    }

    @Test
    void fieldsMarkedUnreliableAreWarnedAboutAndKept() throws Exception {
        server.then(ok(uncertain(frontCard(), "number", "address")));
        final IdCardRecognition recognition = recognize(JumdataRunner.create(server), JPEG, AUTO);

        assertEquals(List.of(new ReportedWarning(CardWarning.FIELD_UNCERTAIN, "validity.number=false"),
                new ReportedWarning(CardWarning.FIELD_UNCERTAIN, "validity.address=false")), recognition.warnings());
        assertEquals("440524198701010014", recognition.fields().number(), "the value read is kept for review");
        assertFalse(CardWarning.FIELD_UNCERTAIN.isRequestable());
    }

    @Test
    void aPhotoWithoutACardIsNothingRecognized() throws Exception {
        server.then(ok(noCard()));
        final IdCardRecognition recognition = recognize(JumdataRunner.create(server), JPEG, AUTO);

        assertTrue(recognition.fields().isEmpty(), "every field marked false: nothing recognized");
        assertEquals(List.of(), recognition.warnings());
        assertTrue(recognition.requestId() != null);
    }

    @Test
    void aFailedScanIsNothingRecognized() throws Exception {
        server.then(ok(frontCard().put("result", 1)));
        assertTrue(recognize(JumdataRunner.create(server), JPEG, AUTO).fields().isEmpty());
    }

    @Test
    void theSideJumdataRecognizedIsReportedEvenWhenAnotherWasAskedFor() throws Exception {
        server.then(ok(backCard("20190806-20390806")));
        final RecognitionRequest front = new RecognitionRequest(CardSide.FRONT, EnumSet.noneOf(CardWarning.class), false, false, false);

        // the processor, not the service, fails the FlowFile with Result.CardSideMismatch (the same for every provider)
        final IdCardRecognition recognition = recognize(JumdataRunner.create(server), JPEG, front);
        assertEquals(CardSide.BACK, recognition.side());
    }

    // ---- refusals ----

    /** Every documented code and its category: one request whatever the code, retryable or not. */
    @ParameterizedTest
    @CsvSource({
            "301, REJECTED, false",
            "400, REJECTED, false",
            "404, PROVIDER_ERROR, false",
            "500, PROVIDER_ERROR, true",
            "601, ACCOUNT, false",
            "602, ACCOUNT, false",
            "603, ACCOUNT, false",
            "604, ACCOUNT, false",
            "606, THROTTLED, true",
            "607, CREDENTIALS, false",
            "609, THROTTLED, true",
            "610, PROVIDER_ERROR, true",
            "999, PROVIDER_ERROR, false",
            "777, PROVIDER_ERROR, false"
    })
    void eachCodeHasItsCategory(final int code, final Category category, final boolean retryable) {
        server.setFallback(call -> json(error(code, "身份证号 440524198701010014 答复 " + code, "7700" + code)));
        final TestRunner runner = JumdataRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
        assertEquals(Integer.toString(code), e.getCode());
        assertEquals(category, e.getCategory());
        assertEquals(retryable, e.isRetryable());
        assertEquals("身份证号 440524********0014 答复 " + code, e.getMessage(), "ID numbers masked");
        assertEquals("7700" + code, e.getRequestId());
        assertEquals(1, server.requestCount(), "one attempt: the processor routes what is retryable to retry");
        assertNull(server.calls().getFirst().refusal(), "the request carried a valid sign");
    }

    /**
     * Throttled twice (609, then 606): each attempt is one request and a retryable THROTTLED failure; the caller's
     * attempts are each signed anew with their own time and stream the image again, and the third is recognized.
     */
    @Test
    void eachAttemptAfterThrottlingIsOneRequestWithAFreshSign() throws Exception {
        server.then(json(error(609, "请求过于频繁,请稍候再试"))).then(json(error(606, "调用超限,请稍候再试"))).then(ok(frontCard()));
        final TestRunner runner = JumdataRunner.create(server, Map.of());
        final JumdataIdCardOcrService service = JumdataRunner.service(runner);
        final Instant start = Instant.now();

        for (int attempt = 1; attempt <= 2; attempt++) {
            service.setClock(Clock.fixed(start.plusSeconds(attempt), ZoneOffset.UTC));
            final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
            assertEquals(Category.THROTTLED, e.getCategory(), e.getCode());
            assertTrue(e.isRetryable());
            assertEquals(attempt, server.requestCount(), "one request per attempt");
        }
        service.setClock(Clock.fixed(start.plusSeconds(3), ZoneOffset.UTC));
        assertEquals(CardSide.FRONT, recognize(runner, JPEG, AUTO).side());

        final List<JumdataTestServer.Call> calls = server.calls();
        assertEquals(3, calls.size());
        for (int i = 0; i < calls.size(); i++) {
            final JumdataTestServer.Call call = calls.get(i);
            assertNull(call.refusal());
            assertEquals(Long.toString(start.plusSeconds(i + 1).toEpochMilli()), call.field("timestamp"), "signed at its own attempt");
            assertArrayEquals(JPEG, call.image(), "the image is streamed again for each attempt");
        }
        assertEquals(3, calls.stream().map(call -> call.field("sign")).distinct().count(), "a fresh sign for each attempt");
    }

    @Test
    void aWrongSecretIsACredentialsFailureAndNotRetried() {
        final TestRunner runner = JumdataRunner.create(server, Map.of(JumdataIdCardOcrService.APP_SECRET, "wrongSecret0000SECRET"));

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
        assertEquals("400", e.getCode());
        assertEquals(Category.CREDENTIALS, e.getCategory(), e.getMessage());
        assertFalse(e.isRetryable());
        assertEquals(1, server.requestCount());
        assertFalse(e.getMessage().contains("wrongSecret0000SECRET"));
        assertFalse(e.getMessage().contains(server.calls().getFirst().field("sign")));
    }

    @Test
    void aWrongAppIdIsACredentialsFailure() {
        final TestRunner runner = JumdataRunner.create(server, Map.of(JumdataIdCardOcrService.APP_ID, "someoneElsesApp"));

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
        assertEquals(Category.CREDENTIALS, e.getCategory());
        assertEquals("appId不存在", server.calls().getFirst().refusal().message());
    }

    @Test
    void aHostClockOffByMoreThanFiveMinutesIsACredentialsFailure() {
        final TestRunner runner = JumdataRunner.create(server);
        JumdataRunner.service(runner).setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
        assertEquals(Category.CREDENTIALS, e.getCategory());
        assertTrue(e.getMessage().contains("timestamp"), e.getMessage());
    }

    @Test
    void aSignQuotedInARefusalIsMasked() {
        server.setFallback(call -> json(error(400, "sign " + call.field("sign") + " 不正确")));
        final TestRunner runner = JumdataRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
        assertEquals("sign [redacted] 不正确", e.getMessage());
        assertEquals(Category.CREDENTIALS, e.getCategory());
    }

    @Test
    void aParameterErrorThatIsNotAboutCredentialsIsARejection() {
        server.setFallback(call -> json(error(400, "照片格式不正确")));
        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(JumdataRunner.create(server), JPEG, AUTO));
        assertEquals(Category.REJECTED, e.getCategory());
    }

    @Test
    void aPageThatIsNotJumdatasAnswerIsAnAnswerLost() {
        server.setFallback(call -> raw(200, "text/html", "<html><body>portal login</body></html>"));
        final TestRunner runner = JumdataRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
        assertEquals("Transport.MalformedResponse", e.getCode());
        assertTrue(e.isAnswerLost());
        assertTrue(e.isRetryable(), "the flow may send it again: the processor does only with Retry After Answer Lost");
        assertEquals(1, server.requestCount(), "maybe billed: sent once");
    }

    @Test
    void aSuccessWithoutDataIsAnAnswerLost() {
        server.setFallback(call -> json(error(200, "成功")));
        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(JumdataRunner.create(server), JPEG, AUTO));
        assertEquals("Transport.MalformedResponse", e.getCode());
    }

    /** A gateway page is one request and a retryable Transport failure; the next attempt is recognized. */
    @Test
    void aGatewayErrorIsOneRequestAndTheNextAttemptIsRecognized() throws Exception {
        server.then(raw(502, "text/html", "<html>Bad Gateway</html>")).then(ok(frontCard()));
        final TestRunner runner = JumdataRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
        assertEquals("Transport.HTTP502", e.getCode());
        assertEquals(Category.TRANSPORT, e.getCategory());
        assertTrue(e.isRetryable());
        assertFalse(e.isAnswerLost(), "the gateway answered");
        assertEquals(1, server.requestCount());

        assertEquals(CardSide.FRONT, recognize(runner, JPEG, AUTO).side());
        assertEquals(2, server.requestCount());
    }

    /**
     * Jumdata has no token to fetch or share (each request carries its own sign), so there is no single flight to
     * test: what concurrency must not break is that every call is signed on its own. Many threads through one service:
     * one request each, all accepted.
     */
    @Test
    void concurrentCallsAreEachSignedOnTheirOwn() throws Exception {
        final TestRunner runner = JumdataRunner.create(server, Map.of());
        final int threads = 8;
        final int perThread = 4;
        final CountDownLatch start = new CountDownLatch(1);
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            final List<Future<IdCardRecognition>> results = new ArrayList<>();
            for (int i = 0; i < threads * perThread; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return recognize(runner, JPEG, AUTO);
                }));
            }
            start.countDown();
            for (final Future<IdCardRecognition> result : results) {
                assertEquals(CardSide.FRONT, result.get().side());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * perThread, server.requestCount(), "one request per recognition, no other traffic");
        server.calls().forEach(call -> assertNull(call.refusal()));
    }

    // ---- verify ----

    /** The sample holds no card: Jumdata's answer for it proves the credentials good, or says what is wrong. */
    @ParameterizedTest
    @CsvSource({
            "200, SUCCESSFUL",
            "301, SUCCESSFUL",
            "601, FAILED",
            "603, FAILED",
            "607, FAILED",
            "609, SKIPPED",
            "500, SKIPPED",
            // a wrong API address does not heal by trying again: a finding, not a skip
            "404, FAILED",
            "999, FAILED"
    })
    void verifyJudgesTheAnswerToTheSample(final int code, final Outcome authenticate) {
        server.setFallback(call -> code == 200 ? ok(noCard()) : json(error(code, "answer to the sample")));
        final TestRunner runner = JumdataRunner.create(server, Map.of());
        final JumdataIdCardOcrService service = JumdataRunner.service(runner);
        runner.disableControllerService(service);

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, authenticate);
        if (code != 200) {
            assertTrue(results.get(1).getExplanation().contains(Integer.toString(code)), results.get(1).getExplanation());
        }
        assertEquals(1, server.requestCount(), "verify makes exactly one call, without retries");
        final JumdataTestServer.Call call = server.calls().getFirst();
        assertNull(call.refusal(), "verify sends a real signed request");
        assertEquals("idcard.jpg", call.form().fileName());
    }

    @Test
    void verifyReportsAWrongSecretAsACredentialsFailure() {
        final TestRunner runner = JumdataRunner.create(server);
        final JumdataIdCardOcrService service = JumdataRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, JumdataIdCardOcrService.APP_SECRET, "wrongSecret0000SECRET");

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, Outcome.FAILED);
        assertEquals("400: sign签名错误", results.get(1).getExplanation());
        assertFalse(results.toString().contains("wrongSecret0000SECRET"));
        assertFalse(results.toString().contains(server.calls().getFirst().field("sign")));
    }

    @Test
    void verifyReportsAnUnreachableEndpoint() throws Exception {
        final TestRunner runner = JumdataRunner.create(server);
        final JumdataIdCardOcrService service = JumdataRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, JumdataIdCardOcrService.ENDPOINT_URL, "http://127.0.0.1:" + closedPort());

        assertOutcomes(runner.verify(service, Map.of()), Outcome.FAILED, Outcome.SKIPPED);
    }

    @Test
    void processorVerifyRunsOneRecognitionThroughTheService() {
        server.setFallback(call -> ok(noCard()));
        final TestRunner runner = JumdataRunner.create(server);

        assertOutcomes(runner.verify(Map.of()), Outcome.SUCCESSFUL, Outcome.SUCCESSFUL);
        assertEquals(1, server.requestCount());
    }

    // ---- configuration ----

    @Test
    void invalidConfigurationIsRefusedUpFront() {
        final TestRunner runner = JumdataRunner.create(server);
        final JumdataIdCardOcrService service = JumdataRunner.service(runner);
        runner.disableControllerService(service);
        runner.assertValid(service);

        ServiceRunner.invalidEndpointUrls("api.jumdata.com", "/ocr/idcard-v1")
                .forEach(url -> assertInvalid(runner, service, JumdataIdCardOcrService.ENDPOINT_URL, url));
        assertInvalid(runner, service, JumdataIdCardOcrService.APP_ID, "   ");
        assertInvalid(runner, service, JumdataIdCardOcrService.APP_SECRET, "   ");
        assertInvalid(runner, service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, "0");
        assertInvalid(runner, service, HttpClientProperties.READ_TIMEOUT, "0 secs");

        runner.removeProperty(service, JumdataIdCardOcrService.APP_SECRET);
        runner.assertNotValid(service);
    }

    @Test
    void theDefaultEndpointIsJumdatas() {
        assertEquals("https://api.jumdata.com", JumdataIdCardOcrService.ENDPOINT_URL.getDefaultValue());
        assertTrue(JumdataIdCardOcrService.APP_SECRET.isSensitive());
    }

    // ---- streaming ----

    /**
     * A guard on the streaming design: sending an image of several MB must allocate far less than the image on the
     * calling thread, which writes the multipart body. The service itself does not enforce Jumdata's 2 MB (the
     * processor does, before the call), so a larger image makes holding it unmistakable. The endpoint is the JDK's
     * HTTP server, which does not share Okio's segment pool with the client.
     */
    @Test
    void largeImageIsStreamedNotHeld() throws Exception {
        final byte[] image = TestImages.noisePng(1580, 1580, 7);
        assertTrue(image.length > 7 * 1024 * 1024, "image has " + image.length + " bytes");
        try (PlainJumdataEndpoint endpoint = new PlainJumdataEndpoint()) {
            final TestRunner runner = JumdataRunner.create(endpoint.url(), Map.of());
            // the first call pays one-off costs (class loading, connection, buffer pools); measure a steady-state call
            recognize(runner, image, AUTO);

            final ThreadAllocation.Measured<IdCardRecognition> measured = ThreadAllocation.measure(() -> recognize(runner, image, AUTO));
            final IdCardRecognition recognition = measured.result();

            assertNull(endpoint.lastForm().refusal());
            assertEquals(CardSide.FRONT, recognition.side());
            assertArrayEquals(image, endpoint.lastForm().file(), "the endpoint received the image byte for byte");
            measured.assertFarLessThan(image);
        }
    }

    private static IdCardRecognition recognize(final TestRunner runner, final byte[] image, final RecognitionRequest request)
            throws IdCardOcrException {
        return JumdataRunner.service(runner).recognize(ImageSource.of(image), request);
    }

    private static void assertInvalid(final TestRunner runner, final JumdataIdCardOcrService service,
                                      final PropertyDescriptor property, final String value) {
        ServiceRunner.assertInvalid(runner, service, property, value, JumdataRunner.CREDENTIALS);
    }
}

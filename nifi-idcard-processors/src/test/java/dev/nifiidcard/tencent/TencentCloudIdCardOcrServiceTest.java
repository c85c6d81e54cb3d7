package dev.nifiidcard.tencent;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.provider.AbstractIdCardOcrService;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.testing.PlainTencentEndpoint;
import dev.nifiidcard.testing.RecognizerRunner;
import dev.nifiidcard.testing.ServiceRunner;
import dev.nifiidcard.testing.TencentOcrTestServer;
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
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static dev.nifiidcard.testing.TencentOcrTestServer.error;
import static dev.nifiidcard.testing.TencentOcrTestServer.ok;
import static dev.nifiidcard.testing.Verification.assertOutcomes;
import static dev.nifiidcard.testing.Verification.closedPort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TencentCloudIdCardOcrServiceTest {

    private static final RecognitionRequest FRONT = new RecognitionRequest(CardSide.FRONT, EnumSet.of(CardWarning.PHOTOCOPY), true, false, false);

    private TencentOcrTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TencentOcrTestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsTheDocumentedHeaders() throws Exception {
        final TestRunner runner = RecognizerRunner.create(server);
        recognize(runner, TestImages.jpeg(640, 400));

        final TencentOcrTestServer.Call call = server.calls().getFirst();
        assertNull(call.refusal());
        assertEquals("IDCardOCR", call.header("X-TC-Action"));
        assertEquals("2018-11-19", call.header("X-TC-Version"));
        assertEquals("application/json; charset=utf-8", call.header("Content-Type"));
        assertTrue(call.header("Authorization").contains("SignedHeaders=content-type;host;x-tc-action,"));
        assertNull(call.header("X-TC-Token"), "no token without temporary credentials");
        assertNull(call.header("X-TC-Region"), "no region unless configured");
        assertNull(call.header("X-TC-Content-SHA256"), "the body is signed by default");
    }

    @Test
    void unsignedBodyIsAnnouncedAndStillVerifies() throws Exception {
        final byte[] image = TestImages.jpeg(640, 400);
        final TestRunner runner = RecognizerRunner.create(server, Map.of(TencentCloudIdCardOcrService.SIGN_REQUEST_BODY, "false"));
        recognize(runner, image);

        final TencentOcrTestServer.Call call = server.calls().getFirst();
        assertNull(call.refusal(), "the server checks the signature over the hash of UNSIGNED-PAYLOAD");
        assertEquals("UNSIGNED-PAYLOAD", call.header("X-TC-Content-SHA256"));
        assertArrayEquals(image, call.image());
    }

    @Test
    void sessionTokenAndRegionAreSentWhenConfigured() throws Exception {
        final TestRunner runner = RecognizerRunner.create(server, Map.of(
                TencentCloudIdCardOcrService.SESSION_TOKEN, "sts-token-for-tests",
                TencentCloudIdCardOcrService.REGION, "ap-guangzhou"));
        recognize(runner, TestImages.jpeg(640, 400));

        final TencentOcrTestServer.Call call = server.calls().getFirst();
        assertEquals("sts-token-for-tests", call.header("X-TC-Token"));
        assertEquals("ap-guangzhou", call.header("X-TC-Region"));
    }

    @Test
    void serviceOptionsReachTheBody() throws Exception {
        final TestRunner runner = RecognizerRunner.create(server, Map.of(
                TencentCloudIdCardOcrService.CARD_WARN_TYPE, "Advanced",
                TencentCloudIdCardOcrService.RECOGNITION_RECTIFY, "false",
                TencentCloudIdCardOcrService.DATE_VERIFY, "false"));
        recognize(runner, TestImages.jpeg(640, 400));

        final TencentOcrTestServer.Call call = server.calls().getFirst();
        assertEquals("Advanced", call.body().get("CardWarnType").asText());
        assertFalse(call.body().get("EnableRecognitionRectify").asBoolean());
        assertFalse(call.body().get("EnableDateVerify").asBoolean());
        assertEquals("FRONT", call.body().get("CardSide").asText());
        assertEquals("{\"CopyWarn\":true,\"Quality\":true}", call.body().get("Config").asText());
    }

    @Test
    void configCarriesOnlyWhatIsAskedFor() {
        assertNull(TencentParameters.config(new RecognitionRequest(null, EnumSet.noneOf(CardWarning.class), false, false, false)));
        assertEquals("{\"CropIdCard\":true,\"CropPortrait\":true,\"BorderCheckWarn\":true,\"ReflectWarn\":true}",
                TencentParameters.config(new RecognitionRequest(null,
                        EnumSet.of(CardWarning.REFLECTION, CardWarning.BORDER_INCOMPLETE), false, true, true)));
    }

    @ParameterizedTest
    @CsvSource({
            "PHOTOCOPY, CopyWarn",
            "BORDER_INCOMPLETE, BorderCheckWarn",
            "SCREEN_RESHOOT, ReshootWarn",
            "PS_EDITED, DetectPsWarn",
            "TEMPORARY_ID, TempIdWarn",
            "INVALID_DATE, InvalidDateWarn",
            "REFLECTION, ReflectWarn"
    })
    void eachRequestableWarningHasItsConfigFlag(final CardWarning warning, final String flag) {
        assertEquals("{\"" + flag + "\":true}",
                TencentParameters.config(new RecognitionRequest(null, EnumSet.of(warning), false, false, false)));
    }

    /** A host clock 10 minutes off either way: the first call learns the offset from Date and signs again, later calls sign right. */
    @ParameterizedTest
    @ValueSource(longs = {600, -600})
    void skewedClockIsCorrectedFromTheServersDate(final long serverAheadSeconds) throws Exception {
        server.setClock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(serverAheadSeconds)));
        final TestRunner runner = RecognizerRunner.create(server, Map.of());

        assertEquals(CardSide.FRONT, recognize(runner, TestImages.jpeg(640, 400)).side());
        final List<TencentOcrTestServer.Call> first = server.calls();
        assertEquals(2, first.size());
        assertEquals("AuthFailure.SignatureExpire", first.get(0).refusal());
        assertNull(first.get(1).refusal());
        final long signedAt = Long.parseLong(first.get(1).header("X-TC-Timestamp"));
        assertTrue(Math.abs(signedAt - Instant.now().plusSeconds(serverAheadSeconds).getEpochSecond()) < 10, "signed with the server's time");
        assertTrue(runner.getControllerServiceLogger(RecognizerRunner.SERVICE_ID).getWarnMessages().stream()
                .anyMatch(m -> m.getMsg().contains("Synchronize the node's clock")), "the operator is told to fix the clock");

        recognize(runner, TestImages.jpeg(640, 400));
        assertEquals(3, server.calls().size(), "the correction is kept: one request for the next card");
        assertNull(server.calls().get(2).refusal());
    }

    @Test
    void aSignatureExpireWithoutSkewIsNotRetried() {
        server.setFallback(call -> ok(error("AuthFailure.SignatureExpire", "expired")));
        final TestRunner runner = RecognizerRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, TestImages.jpeg(640, 400)));
        assertEquals("AuthFailure.SignatureExpire", e.getCode());
        assertEquals(IdCardOcrException.Category.CREDENTIALS, e.getCategory());
        assertEquals(1, server.requestCount(), "no Date to learn from and not retryable: one request");
    }

    @Test
    void providerErrorsCarryTheirRequestIdAndMaskIdNumbers() {
        server.setFallback(call -> ok(error("FailedOperation.IdCardInfoIllegal", "Number 440524198701010014 is illegal")));
        final TestRunner runner = RecognizerRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, TestImages.jpeg(640, 400)));
        assertEquals("FailedOperation.IdCardInfoIllegal", e.getCode());
        assertEquals("Number 440524********0014 is illegal", e.getMessage());
        assertFalse(e.isRetryable());
        assertTrue(e.getRequestId() != null && !e.getRequestId().isBlank());
    }

    /** The sample holds no card: an image refusal proves the account good, other answers say what is wrong. */
    @ParameterizedTest
    @CsvSource({
            "FailedOperation.ImageNoIdCard, SUCCESSFUL",
            "ResourceUnavailable.InArrears, FAILED",
            "FailedOperation.UnOpenError, FAILED",
            "RequestLimitExceeded, SKIPPED",
            "InternalError, SKIPPED"
    })
    void verifyJudgesTheAnswerToTheSample(final String answer, final Outcome authenticate) {
        server.setFallback(call -> ok(error(answer, "answer to the sample")));
        final TestRunner runner = RecognizerRunner.create(server, Map.of());
        final TencentCloudIdCardOcrService service = RecognizerRunner.service(runner);
        runner.disableControllerService(service);

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, authenticate);
        assertTrue(results.get(1).getExplanation().contains(answer), results.get(1).getExplanation());
        assertNull(server.calls().getFirst().refusal(), "verify signs a real request");
        assertEquals(1, server.requestCount(), "verify makes exactly one call");
    }

    @Test
    void verifyReportsRefusedCredentials() {
        final TestRunner runner = RecognizerRunner.create(server);
        final TencentCloudIdCardOcrService service = RecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_KEY, "wrong-key");

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, Outcome.FAILED);
        assertTrue(results.get(1).getExplanation().startsWith("AuthFailure.SignatureFailure"));
        assertFalse(results.toString().contains("wrong-key"));
    }

    @Test
    void verifyReportsAnUnreachableEndpoint() throws Exception {
        final TestRunner runner = RecognizerRunner.create(server);
        final TencentCloudIdCardOcrService service = RecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, TencentCloudIdCardOcrService.ENDPOINT_URL, "http://127.0.0.1:" + closedPort() + "/");

        assertOutcomes(runner.verify(service, Map.of()), Outcome.FAILED, Outcome.SKIPPED);
    }

    @Test
    void verifySaysWhatThisNodeGetsOfTheAccountsQuota() {
        server.setFallback(call -> ok(error("FailedOperation.ImageNoIdCard", "no id card")));
        final TestRunner runner = RecognizerRunner.create(server, Map.of(HttpClientProperties.MAX_REQUESTS_PER_SECOND, "20"));
        final TencentCloudIdCardOcrService service = RecognizerRunner.service(runner);
        runner.disableControllerService(service);

        final String reach = runner.verify(service, Map.of()).getFirst().getExplanation();
        assertTrue(reach.endsWith("Max Requests Per Second 20 is the account's quota; this node takes 20.00 calls/s of it (1 node)"), reach);
    }

    @Test
    void processorVerifyMakesOneAttempt() {
        server.setFallback(call -> ok(error("RequestLimitExceeded", "too many")));
        final TestRunner runner = RecognizerRunner.create(server, Map.of());

        final List<ConfigVerificationResult> results = runner.verify(Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, Outcome.SKIPPED);
        assertEquals(1, server.requestCount(), "no retry: a user waits for the dialog, and each call may be billed");
        assertTrue(results.getFirst().getExplanation().endsWith("which the provider may bill"), results.getFirst().getExplanation());
    }

    /**
     * Processor Verify goes through the service's rate limit like a FlowFile, so it waits for it only as briefly as a
     * recognition does: with no call free, both steps are skipped, saying why, and nothing is sent.
     */
    @Test
    void processorVerifySendsNothingWhenTheRateLimitHasNoCallFree() {
        server.setFallback(call -> ok(error("FailedOperation.ImageNoIdCard", "no id card")));
        // one call every 10 s: the first verify takes the slot, the next one is 10 s away
        final TestRunner runner = RecognizerRunner.create(server, Map.of(HttpClientProperties.MAX_REQUESTS_PER_SECOND, "0.1"));

        assertOutcomes(runner.verify(Map.of()), Outcome.SUCCESSFUL, Outcome.SUCCESSFUL);
        final List<ConfigVerificationResult> limited = runner.verify(Map.of());
        assertOutcomes(limited, Outcome.SKIPPED, Outcome.SKIPPED);
        assertTrue(limited.getFirst().getExplanation().startsWith("Max Requests Per Second has no call free within "
                + AbstractIdCardOcrService.PERMIT_WAIT.toMillis() + " ms"), limited.getFirst().getExplanation());
        assertEquals("Nothing was sent", limited.get(1).getExplanation());
        assertEquals(1, server.requestCount(), "nothing sent when no call was free");
    }

    @Test
    void processorVerifyRunsOneRecognitionThroughTheService() {
        server.setFallback(call -> ok(error("FailedOperation.ImageNoIdCard", "no id card")));
        final TestRunner runner = RecognizerRunner.create(server);

        assertOutcomes(runner.verify(Map.of()), Outcome.SUCCESSFUL, Outcome.SUCCESSFUL);
        assertEquals(1, server.requestCount());

        runner.disableControllerService(RecognizerRunner.service(runner));
        final List<ConfigVerificationResult> disabled = runner.verify(Map.of());
        assertEquals(Outcome.FAILED, disabled.getFirst().getOutcome());
    }

    @Test
    void invalidConfigurationIsRefusedUpFront() {
        final TestRunner runner = RecognizerRunner.create(server);
        final TencentCloudIdCardOcrService service = RecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.assertValid(service);

        ServiceRunner.invalidEndpointUrls("ocr.tencentcloudapi.com", "/ocr/")
                .forEach(url -> assertInvalid(runner, service, TencentCloudIdCardOcrService.ENDPOINT_URL, url));
        assertInvalid(runner, service, TencentCloudIdCardOcrService.SECRET_KEY, "   ");
        assertInvalid(runner, service, TencentCloudIdCardOcrService.REGION, "ap-mars");
        assertInvalid(runner, service, TencentCloudIdCardOcrService.MAX_IMAGE_SIZE, "-1 MB");
        assertInvalid(runner, service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, "0");
        assertInvalid(runner, service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, "-5");
        assertInvalid(runner, service, HttpClientProperties.READ_TIMEOUT, "0 secs");
        assertInvalid(runner, service, HttpClientProperties.CONNECT_TIMEOUT, "-1 secs");
    }

    /**
     * A guard on the streaming design (the benchmark measures it properly): sending an image of more than 7 MB must
     * allocate far less than the image on the calling thread, which writes the request body. The endpoint is the
     * JDK's HTTP server: MockWebServer, in this JVM, would hold the body in Okio segments taken from the pool that
     * the client's thread may share, and the client would then allocate fresh ones.
     */
    @ParameterizedTest(name = "Sign Request Body {0}")
    @ValueSource(strings = {"true", "false"})
    void largeImageIsStreamedNotHeld(final String signBody) throws Exception {
        final byte[] image = TestImages.noisePng(1580, 1580, 7);
        assertTrue(image.length > 7 * 1024 * 1024, "image has " + image.length + " bytes");
        try (PlainTencentEndpoint endpoint = new PlainTencentEndpoint()) {
            final TestRunner runner = RecognizerRunner.create(server, Map.of(TencentCloudIdCardOcrService.ENDPOINT_URL, endpoint.url(),
                    TencentCloudIdCardOcrService.SIGN_REQUEST_BODY, signBody));
            // the first call pays one-off costs (class loading, connection, buffer pools); measure a steady-state call
            recognize(runner, image);

            final ThreadAllocation.Measured<IdCardRecognition> measured = ThreadAllocation.measure(() -> recognize(runner, image));
            final IdCardRecognition recognition = measured.result();

            assertNull(endpoint.lastRefusal());
            assertEquals(CardSide.FRONT, recognition.side());
            assertArrayEquals(image, endpoint.lastImage(), "the endpoint received the image byte for byte");
            measured.assertFarLessThan(image);
        }
    }

    private static IdCardRecognition recognize(final TestRunner runner, final byte[] image) throws IdCardOcrException {
        return RecognizerRunner.service(runner).recognize(ImageSource.of(image), FRONT);
    }

    private static void assertInvalid(final TestRunner runner, final TencentCloudIdCardOcrService service,
                                      final PropertyDescriptor property, final String value) {
        ServiceRunner.assertInvalid(runner, service, property, value, RecognizerRunner.CREDENTIALS);
    }
}

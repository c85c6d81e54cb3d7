package dev.nifiidcard.huiyan;

import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.testing.HuiyanRecognizerRunner;
import dev.nifiidcard.testing.HuiyanTestServer;
import dev.nifiidcard.testing.LogText;
import dev.nifiidcard.testing.RelationshipRetry;
import dev.nifiidcard.testing.TestImages;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.nifiidcard.testing.HuiyanTestServer.backCard;
import static dev.nifiidcard.testing.HuiyanTestServer.error;
import static dev.nifiidcard.testing.HuiyanTestServer.frontCard;
import static dev.nifiidcard.testing.HuiyanTestServer.ok;
import static dev.nifiidcard.testing.Verification.assertOutcomes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SignAndRecognizeIdCard, unchanged, with the Huiyan service: routes and idcard.* attributes as documented. */
class HuiyanSignAndRecognizeIdCardTest {

    private static final byte[] IMAGE = TestImages.jpeg(800, 500);

    private HuiyanTestServer server;
    private TestRunner runner;

    @BeforeEach
    void start() throws Exception {
        server = new HuiyanTestServer();
        runner = HuiyanRecognizerRunner.create(server, Map.of(TencentHuiyanIdCardOcrService.GET_NATIVE_PLACE, "true"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aFrontSideGoesToSuccessWithTheDocumentedAttributes() throws Exception {
        final MockFlowFile out = runOne(SignAndRecognizeIdCard.REL_SUCCESS);
        final HuiyanTestServer.Call call = server.calls().getFirst();
        out.assertAttributeEquals(IdCardAttributes.SIDE, "front");
        out.assertAttributeEquals(IdCardAttributes.NAME, "李明");
        out.assertAttributeEquals(IdCardAttributes.SEX, "男");
        out.assertAttributeEquals(IdCardAttributes.NATION, "汉");
        out.assertAttributeEquals(IdCardAttributes.BIRTH, "1987-01-01");
        out.assertAttributeEquals(IdCardAttributes.NUMBER, "440524198701010014");
        out.assertAttributeEquals(IdCardAttributes.ADDRESS, "北京市石景山区高新技术园腾讯大楼");
        out.assertAttributeEquals(IdCardAttributes.NUMBER_VALID, "true");
        out.assertAttributeEquals(IdCardAttributes.QUALITY, "64");
        out.assertAttributeEquals(IdCardAttributes.WARNINGS, "");
        out.assertAttributeEquals(IdCardAttributes.WARNING_CODES, "");
        out.assertAttributeEquals(IdCardAttributes.PROVIDER, "tencent-huiyan");
        out.assertAttributeEquals(IdCardAttributes.NATIVE_PLACE, "广东省汕头市潮阳县");
        out.assertAttributeEquals(IdCardAttributes.ORDER_NUMBER, call.orderNo());
        assertTrue(out.getAttribute(IdCardAttributes.REQUEST_ID).matches("\\d{32}"), "the bizSeqNo");
        out.assertAttributeNotExists(IdCardAttributes.AUTHORITY);
        out.assertAttributeNotExists(IdCardAttributes.ERROR_CODE);
        out.assertContentEquals(IMAGE);

        final List<ProvenanceEventRecord> sends = runner.getProvenanceEvents().stream()
                .filter(e -> e.getEventType() == ProvenanceEventType.SEND).toList();
        assertEquals(1, sends.size());
        assertEquals(server.url() + "api/paas/idcardocrapp", sends.getFirst().getTransitUri(), "no order number or secret in it");
    }

    @Test
    void aBackSideWithLongTermValidityGoesToSuccess() {
        server.then(call -> ok(call, backCard("20190128-长期")));

        final MockFlowFile out = runOne(SignAndRecognizeIdCard.REL_SUCCESS);
        out.assertAttributeEquals(IdCardAttributes.SIDE, "back");
        out.assertAttributeEquals(IdCardAttributes.AUTHORITY, "深圳市公安局南山分局");
        out.assertAttributeEquals(IdCardAttributes.VALID_FROM, "2019-01-28");
        out.assertAttributeEquals(IdCardAttributes.VALID_UNTIL, "long-term");
        out.assertAttributeNotExists(IdCardAttributes.NUMBER);
        out.assertAttributeNotExists(IdCardAttributes.NATIVE_PLACE);
    }

    @ParameterizedTest
    @CsvSource({
            "-9102, PHOTOCOPY",
            "-9103, SCREEN_RESHOOT",
            "-9104, TEMPORARY_ID",
            "-9106, PS_EDITED",
            "-9105, OCCLUSION",
            "-9999, UNKNOWN"
    })
    void aCardWarningRoutesToWarning(final String code, final String name) {
        server.then(call -> ok(call, frontCard().put("multiWarning", code)));

        final MockFlowFile out = runOne(SignAndRecognizeIdCard.REL_WARNING);
        out.assertAttributeEquals(IdCardAttributes.WARNINGS, name);
        out.assertAttributeEquals(IdCardAttributes.WARNING_CODES, code);
    }

    @Test
    void aBlurryOrExpiredCardRoutesToWarning() {
        server.then(call -> ok(call, frontCard().put("clarity", "30")))
                .then(call -> ok(call, backCard("20000101-20100101")));

        runOne(SignAndRecognizeIdCard.REL_WARNING).assertAttributeEquals(IdCardAttributes.WARNINGS, "LOW_QUALITY");
        runner.clearTransferState();
        runOne(SignAndRecognizeIdCard.REL_WARNING).assertAttributeEquals(IdCardAttributes.WARNINGS, "EXPIRED");
    }

    @Test
    void anImageRefusalGoesToFailureWithItsCode() throws Exception {
        server.setFallback(call -> error("123456", "图片中未检测到身份证"));

        final MockFlowFile out = runOne(SignAndRecognizeIdCard.REL_FAILURE);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "123456");
        out.assertAttributeEquals(IdCardAttributes.ERROR_MESSAGE, "图片中未检测到身份证");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "false");
        out.assertAttributeEquals(IdCardAttributes.PROVIDER, "tencent-huiyan");
        out.assertAttributeExists(IdCardAttributes.REQUEST_ID);
        assertFalse(out.isPenalized());
        assertFalse(runner.isYieldCalled());
        out.assertContentEquals(IMAGE);
    }

    /** Throttled: one call, then the FlowFile goes to retry, penalized, with Huiyan's code; the processor does not yield. */
    @Test
    void throttlingGoesToRetryPenalizedAfterOneCall() throws Exception {
        server.setFallback(call -> error("123456", "请求频率过高"));

        final MockFlowFile out = runOne(SignAndRecognizeIdCard.REL_RETRY);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "123456");
        out.assertAttributeEquals(IdCardAttributes.ERROR_MESSAGE, "请求频率过高");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
        out.assertAttributeEquals(IdCardAttributes.PROVIDER, "tencent-huiyan");
        assertTrue(out.isPenalized());
        assertFalse(runner.isYieldCalled());
        assertEquals(1, server.calls().size(), "one call per trigger");
        out.assertContentEquals(IMAGE);
    }

    /** Throttled twice, then recognized on NiFi's relationship retry: one signed call per attempt, each with its own order. */
    @Test
    void throttlingIsRecognizedOnTheRetryRelationship() {
        server.then(error("123456", "请求频率过高")).then(error("123456", "请求频率过高"));

        runner.enqueue(IMAGE);
        RelationshipRetry.run(runner, 3);
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS).getFirst();
        out.assertAttributeNotExists(IdCardAttributes.ERROR_CODE);
        final List<HuiyanTestServer.Call> calls = server.calls();
        assertEquals(3, calls.size());
        assertTrue(calls.stream().allMatch(c -> c.refusal() == null));
        assertEquals(3, calls.stream().map(HuiyanTestServer.Call::orderNo).distinct().count());
        out.assertAttributeEquals(IdCardAttributes.ORDER_NUMBER, calls.getLast().orderNo());
    }

    /** A throttled token request fails the attempt to retry before any recognition; the retry fetches the token and recognizes. */
    @Test
    void aThrottledTokenRequestGoesToRetryAndTheRetryRecognizes() throws Exception {
        server.thenToken(error("123456", "请求频率过高"));

        runner.enqueue(IMAGE);
        runner.run();
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_RETRY, 1);
        final MockFlowFile retried = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_RETRY).getFirst();
        retried.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "123456");
        retried.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
        assertTrue(retried.isPenalized());
        assertEquals(1, server.tokenFetches());
        assertEquals(List.of(), server.calls());
        assertTrue(runner.getProvenanceEvents().stream().noneMatch(event -> event.getEventType() == ProvenanceEventType.SEND),
                "the image never left");

        runner.clearTransferState();
        runner.enqueue(retried.toByteArray());
        runner.run();
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
        assertEquals(2, server.tokenFetches());
        assertEquals(1, server.calls().size());
    }

    @Test
    void refusedCredentialsKeepTheFlowFileQueuedAndYield() {
        final TencentHuiyanIdCardOcrService service = HuiyanRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, TencentHuiyanIdCardOcrService.SECRET, "notTheSecret");
        runner.enableControllerService(service);

        runner.enqueue(IMAGE);
        runner.run();
        runner.assertTransferCount(SignAndRecognizeIdCard.REL_FAILURE, 0);
        assertEquals(1, runner.getQueueSize().getObjectCount());
        assertTrue(runner.isYieldCalled());
        assertTrue(runner.getLogger().getErrorMessages().stream().anyMatch(m -> List.of(m.getArgs()).contains(HuiyanTestServer.BAD_CREDENTIALS)));
        assertEquals(List.of(), server.calls());
    }

    @Test
    void imagesHuiyanWouldRefuseFailBeforeAnyCall() {
        runner.enqueue(TestImages.jpeg(100, 80));
        runner.enqueue(TestImages.gif(800, 500));
        runner.run(2);

        assertEquals(List.of("Local.ImageTooSmall", "Local.UnsupportedFormat"),
                runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE).stream()
                        .map(f -> f.getAttribute(IdCardAttributes.ERROR_CODE)).toList());
        assertEquals(0, server.requestCount(), "not even a token");
    }

    @Test
    void processorVerifyRunsOneSignedRecognitionThroughTheService() {
        server.setFallback(call -> error("123456", "图片中未检测到身份证"));

        final List<ConfigVerificationResult> results = runner.verify(Map.of());
        assertOutcomes(results, ConfigVerificationResult.Outcome.SUCCESSFUL, ConfigVerificationResult.Outcome.SUCCESSFUL);
        assertEquals(1, server.calls().size());
    }

    /** Every path that logs, with everything either component logged or wrote searched for secrets and full ID numbers. */
    @Test
    void noLogAttributeOrVerificationHoldsASecret() {
        final TestRunner quiet = HuiyanRecognizerRunner.create(server, Map.of());
        server.then(call -> ok(call, frontCard()))
                .then(call -> error("777", "身份证号 440524198701010014 与 sign " + call.field("sign") + " 不符"))
                .then(HuiyanTestServer.raw(502, "text/html", "<html>Bad Gateway secret=" + HuiyanTestServer.SECRET + "</html>"));
        for (int i = 0; i < 3; i++) {
            quiet.enqueue(IMAGE);
        }
        quiet.run(3);
        server.expireTickets();
        quiet.enqueue(IMAGE);
        quiet.run();
        final List<ConfigVerificationResult> verifications = new ArrayList<>(quiet.verify(Map.of()));
        final TencentHuiyanIdCardOcrService service = HuiyanRecognizerRunner.service(quiet);
        quiet.disableControllerService(service);
        quiet.setProperty(service, TencentHuiyanIdCardOcrService.SECRET, "wrongSecret0000SECRET");
        verifications.addAll(quiet.verify(service, Map.of()));
        quiet.enableControllerService(service);
        quiet.enqueue(IMAGE);
        quiet.run();

        final List<MockFlowFile> failures = new ArrayList<>(quiet.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE));
        assertEquals(List.of("777"), failures.stream().map(f -> f.getAttribute(IdCardAttributes.ERROR_CODE)).toList());
        final List<MockFlowFile> retries = quiet.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_RETRY);
        assertEquals(List.of("Transport.HTTP502"), retries.stream().map(f -> f.getAttribute(IdCardAttributes.ERROR_CODE)).toList());
        failures.addAll(retries);
        assertEquals(1, quiet.getQueueSize().getObjectCount(), "the refused secret keeps its FlowFile queued");
        assertEquals(2, quiet.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS).size(), "one after a ticket refresh");
        final String logs = LogText.of(quiet.getLogger()) + LogText.of(quiet.getControllerServiceLogger(HuiyanRecognizerRunner.SERVICE_ID));
        for (final String expected : List.of("777", "Transport.HTTP502", HuiyanTestServer.BAD_CREDENTIALS, "stays queued", "refused the cached SIGN ticket")) {
            assertTrue(logs.contains(expected), expected + " was logged: " + logs);
        }
        final String surfaced = logs + verifications + failures.stream().map(MockFlowFile::getAttributes).toList()
                + quiet.getProvenanceEvents().stream().map(e -> e.getTransitUri() + e.getDetails()).toList();
        final Set<String> secrets = new HashSet<>(server.issuedCredentials());
        server.calls().forEach(c -> secrets.add(c.field("sign")));
        secrets.addAll(List.of(HuiyanTestServer.SECRET, "wrongSecret0000SECRET", "440524198701010014"));
        for (final String secret : secrets) {
            assertFalse(surfaced.contains(secret), secret + " leaked into " + surfaced);
        }
    }

    private MockFlowFile runOne(final Relationship relationship) {
        runner.enqueue(IMAGE);
        runner.run();
        runner.assertQueueEmpty();
        for (final Relationship other : List.of(SignAndRecognizeIdCard.REL_SUCCESS, SignAndRecognizeIdCard.REL_WARNING,
                SignAndRecognizeIdCard.REL_FAILURE, SignAndRecognizeIdCard.REL_RETRY)) {
            runner.assertTransferCount(other, other.equals(relationship) ? 1 : 0);
        }
        return runner.getFlowFilesForRelationship(relationship).getFirst();
    }
}

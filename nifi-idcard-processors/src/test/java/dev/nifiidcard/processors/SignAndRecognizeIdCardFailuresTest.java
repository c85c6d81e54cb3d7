package dev.nifiidcard.processors;

import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import dev.nifiidcard.testing.RecognizerRunner;
import dev.nifiidcard.testing.RelationshipRetry;
import dev.nifiidcard.testing.Verification;
import dev.nifiidcard.testing.TencentOcrTestServer;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.nifiidcard.testing.TencentOcrTestServer.error;
import static dev.nifiidcard.testing.TencentOcrTestServer.frontCard;
import static dev.nifiidcard.testing.TencentOcrTestServer.ok;
import static dev.nifiidcard.testing.TencentOcrTestServer.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a failed recognition goes: retry, failure or back to the queue, and what it says. */
class SignAndRecognizeIdCardFailuresTest extends TencentRecognizerTest {

    @Test
    void throttlingGoesToRetryAndSucceedsOnTheFrameworksRetry() throws Exception {
        server.then(ok(error("RequestLimitExceeded", "Too many requests")))
                .then(ok(error("RequestLimitExceeded.UinLimitExceeded", "Too many requests")));

        final MockFlowFile throttled = runOne(REL_RETRY_NAME);
        throttled.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "RequestLimitExceeded");
        assertEquals(1, server.requestCount(), "one attempt per trigger");

        runner.clearTransferState();
        runner.enqueue(IMAGE);
        RelationshipRetry.run(runner, 3);
        onlyFlowFile(SignAndRecognizeIdCard.REL_SUCCESS);
        assertEquals(3, server.requestCount(), "each retry is one attempt, freshly signed");
    }

    @Test
    void retryableErrorsGoToRetryPenalizedAndStayThereAfterTheLastRetry() throws Exception {
        server.setFallback(call -> ok(error("InternalError", "internal error")));

        final MockFlowFile out = runOne(REL_RETRY_NAME);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "InternalError");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
        out.assertAttributeExists(IdCardAttributes.REQUEST_ID);
        assertTrue(out.isPenalized(), "penalized, as InvokeHTTP's Retry: a loop back to the processor waits out the penalty");
        out.assertContentEquals(IMAGE);
        assertEquals(1, server.requestCount());

        runner.clearTransferState();
        runner.enqueue(IMAGE);
        RelationshipRetry.run(runner, 3);
        onlyFlowFile(SignAndRecognizeIdCard.REL_RETRY).assertContentEquals(IMAGE);
        assertEquals(1 + 4, server.requestCount(), "1 attempt + 3 retries");
    }

    /** Image errors concern one FlowFile: it fails at once, and the processor goes on with the next. */
    @ParameterizedTest
    @CsvSource({
            "FailedOperation.ImageNoIdCard",
            "FailedOperation.ImageBlur",
            "FailedOperation.IdCardTooSmall",
            "FailedOperation.ImageSizeTooLarge"
    })
    void nonRetryableProviderErrorsFailAtOnce(final String code) throws Exception {
        server.setFallback(call -> ok(error(code, "refused")));

        final MockFlowFile out = runOne(REL_FAILURE_NAME);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, code);
        out.assertAttributeEquals(IdCardAttributes.ERROR_MESSAGE, "refused");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "false");
        assertFalse(out.isPenalized());
        assertEquals(1, server.requestCount());
        assertFalse(runner.isYieldCalled());
    }

    /** Account errors concern every FlowFile: none goes to failure, this one stays queued and the processor yields. */
    @ParameterizedTest
    @CsvSource({
            "ResourceUnavailable.InArrears",
            "ResourceUnavailable.ResourcePackageRunOut",
            "FailedOperation.UnOpenError",
            "ResourcesSoldOut.ChargeStatusException"
    })
    void accountRefusalsKeepTheFlowFileQueuedAndYield(final String code) throws Exception {
        server.setFallback(call -> ok(error(code, "refused")));

        assertKeptQueued(code);
        assertEquals(1, server.requestCount());
    }

    @Test
    void wrongSecretKeyKeepsTheFlowFileQueuedAndYields() throws Exception {
        final TencentCloudIdCardOcrService service = RecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_KEY, "not-the-key");
        runner.enableControllerService(service);

        assertKeptQueued("AuthFailure.SignatureFailure");
        assertEquals(1, server.requestCount());
    }

    @Test
    void queuedFlowFilesWaitOutARevokedKeyAndAllSucceedOnceItIsFixed() throws Exception {
        final TencentCloudIdCardOcrService service = RecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_KEY, "a-revoked-key");
        runner.enableControllerService(service);
        for (int i = 0; i < 100; i++) {
            runner.enqueue(IMAGE);
        }

        runner.run(100);
        assertEquals(100, runner.getQueueSize().getObjectCount(), "nothing is wrong with the images: all stay queued");
        runner.assertTransferCount(SignAndRecognizeIdCard.REL_FAILURE, 0);
        assertTrue(runner.isYieldCalled());

        runner.disableControllerService(service);
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_KEY, TencentOcrTestServer.SECRET_KEY);
        runner.enableControllerService(service);
        runner.run(100);
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 100);
        for (final MockFlowFile out : runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS)) {
            out.assertContentEquals(IMAGE);
        }
    }

    /** One FlowFile refused for the account's sake: back in the queue, unpenalized, with a bulletin. */
    private void assertKeptQueued(final String code) throws Exception {
        runner.enqueue(IMAGE);
        runner.run();
        runner.assertTransferCount(SignAndRecognizeIdCard.REL_FAILURE, 0);
        runner.assertTransferCount(SignAndRecognizeIdCard.REL_SUCCESS, 0);
        assertEquals(1, runner.getQueueSize().getObjectCount());
        assertTrue(runner.isYieldCalled());
        assertTrue(runner.getLogger().getErrorMessages().stream().anyMatch(m -> m.getMsg().contains("stays queued")
                && List.of(m.getArgs()).contains(code)), "an error bulletin says why");
        assertTrue(runner.getPenalizedFlowFiles().isEmpty(), "not penalized: it waits only for the yield");
    }

    @Test
    void serverErrorPagesAreRetryableTransportFailures() throws Exception {
        server.setFallback(call -> raw(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"));

        final MockFlowFile out = runOne(REL_RETRY_NAME);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Transport.HTTP502");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
        assertEquals(1, server.requestCount());
    }

    @Test
    void malformedAnswersAreAnswersLost() throws Exception {
        server.then(raw(200, "application/json", "{\"Response\": {\"Name\": \"李"));

        final MockFlowFile out = runOne(REL_FAILURE_NAME);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Transport.MalformedResponse");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
        assertEquals(1, server.requestCount(), "a 200 was processed, maybe billed: not sent again by default");
    }

    @Test
    void malformedAnswersAreRetriedWhenAllowed() throws Exception {
        allowRetryAfterAnswerLost();
        server.then(raw(200, "application/json", "{\"Response\": {\"Name\": \"李")).then(raw(200, "text/plain", "OK"));

        runner.enqueue(IMAGE);
        RelationshipRetry.run(runner, 2);
        onlyFlowFile(SignAndRecognizeIdCard.REL_SUCCESS);
        assertEquals(3, server.requestCount());
    }

    /** The answer was lost after the whole request went out: by default not sent again, Tencent may have billed it. */
    @Test
    void anAnswerLostAfterSendingIsNotRetriedByDefault() throws Exception {
        server.setFallback(call -> new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

        final MockFlowFile out = runOne(REL_FAILURE_NAME);
        assertTrue(out.getAttribute(IdCardAttributes.ERROR_CODE).startsWith("Transport."), out.getAttribute(IdCardAttributes.ERROR_CODE));
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
        assertTrue(out.getAttribute(IdCardAttributes.ERROR_MESSAGE).contains("billed"), out.getAttribute(IdCardAttributes.ERROR_MESSAGE));
        assertEquals(1, server.calls().size(), "sent once");
        out.assertContentEquals(IMAGE);
        // the image left the system even though no answer came back: the lineage shows it
        final List<ProvenanceEventRecord> sends = runner.getProvenanceEvents().stream()
                .filter(event -> event.getEventType() == ProvenanceEventType.SEND).toList();
        assertEquals(1, sends.size());
        assertEquals(server.url(), sends.getFirst().getTransitUri());
        assertTrue(sends.getFirst().getDetails().startsWith("tencent-cloud: sent whole, answer lost (Transport."), sends.getFirst().getDetails());
    }

    @Test
    void noSendIsRecordedWhenTheImageNeverLeft() throws Exception {
        // a closed port: no attempt reaches the network
        final TestRunner refused = RecognizerRunner.create("http://127.0.0.1:" + Verification.closedPort() + "/", Map.of());
        refused.enqueue(IMAGE);
        refused.run();

        refused.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_RETRY, 1);
        assertTrue(refused.getProvenanceEvents().stream().noneMatch(event -> event.getEventType() == ProvenanceEventType.SEND));
    }

    @Test
    void anAnswerLostAfterSendingIsRetriedWhenAllowed() throws Exception {
        allowRetryAfterAnswerLost();
        server.then(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

        runOne(REL_RETRY_NAME);
        runner.clearTransferState();
        runner.enqueue(IMAGE);
        RelationshipRetry.run(runner, 1);
        onlyFlowFile(SignAndRecognizeIdCard.REL_SUCCESS);
        assertEquals(2, server.calls().size());
    }

    @Test
    void droppedConnectionsStayOnRetryAfterTheLastRetryWhenAllowed() throws Exception {
        allowRetryAfterAnswerLost();
        server.setFallback(call -> new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

        runner.enqueue(IMAGE);
        RelationshipRetry.run(runner, 3);
        final MockFlowFile out = onlyFlowFile(SignAndRecognizeIdCard.REL_RETRY);
        assertTrue(out.getAttribute(IdCardAttributes.ERROR_CODE).startsWith("Transport."), out.getAttribute(IdCardAttributes.ERROR_CODE));
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
        assertEquals(4, server.calls().size());
        out.assertContentEquals(IMAGE);
    }

    private void allowRetryAfterAnswerLost() {
        runner.setProperty(SignAndRecognizeIdCard.RETRY_AFTER_ANSWER_LOST, "true");
    }

    @Test
    void readTimeoutIsARetryableTransportFailure() throws Exception {
        final TencentCloudIdCardOcrService service = RecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, HttpClientProperties.READ_TIMEOUT, "300 ms");
        runner.enableControllerService(service);
        server.then(ok(frontCard()).newBuilder().headersDelay(3, TimeUnit.SECONDS).build());

        final MockFlowFile out = runOne(REL_FAILURE_NAME);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Transport.Timeout");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
    }
}

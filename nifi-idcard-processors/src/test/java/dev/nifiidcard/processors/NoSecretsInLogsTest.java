package dev.nifiidcard.processors;

import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import dev.nifiidcard.testing.LogText;
import dev.nifiidcard.testing.RecognizerRunner;
import dev.nifiidcard.testing.TencentOcrTestServer;
import dev.nifiidcard.testing.TestImages;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.nifiidcard.testing.TencentOcrTestServer.error;
import static dev.nifiidcard.testing.TencentOcrTestServer.frontCard;
import static dev.nifiidcard.testing.TencentOcrTestServer.ok;
import static dev.nifiidcard.testing.TencentOcrTestServer.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run through every path that logs (success, provider refusals quoting an ID number, a non-API answer, refused
 * credentials, verification of service and processor) with everything either component logged searched for secrets.
 */
class NoSecretsInLogsTest {

    private static final String ID_NUMBER = "440524198701010014";
    private static final String SESSION_TOKEN = "stsSessionToken0000SECRET";
    private static final String WRONG_KEY = "wrongSecretKey0000SECRET";
    private static final byte[] IMAGE = TestImages.jpeg(800, 500);

    private TencentOcrTestServer server;
    private TestRunner runner;

    @BeforeEach
    void start() throws Exception {
        server = new TencentOcrTestServer();
        // one attempt per trigger: each scripted answer is the one the FlowFile ends with
        runner = RecognizerRunner.create(server, Map.of(TencentCloudIdCardOcrService.SESSION_TOKEN, SESSION_TOKEN));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void noLogMessageHoldsASecretOrAFullIdNumber() {
        server.then(ok(frontCard()))
                .then(ok(error("FailedOperation.IdCardInfoIllegal", "IdNum " + ID_NUMBER + " is illegal")))
                .then(ok(error("InvalidParameterValue", "Card 44052419870101001X of " + ID_NUMBER + " rejected")))
                // a gateway page that echoes the request, the worst a misbehaving proxy could do
                .then(raw(502, "text/html", "<html>Bad Gateway for " + ID_NUMBER + " Authorization: TC3-HMAC-SHA256 Credential="
                        + TencentOcrTestServer.SECRET_ID + "</html>"));
        for (int i = 0; i < 4; i++) {
            runner.enqueue(IMAGE);
        }
        runner.run(4);
        server.setFallback(call -> ok(error("FailedOperation.ImageNoIdCard", "No ID card in " + ID_NUMBER)));
        final List<ConfigVerificationResult> verifications = new ArrayList<>(runner.verify(Map.of()));

        final TencentCloudIdCardOcrService service = RecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_KEY, WRONG_KEY);
        verifications.addAll(runner.verify(service, Map.of()));
        runner.enableControllerService(service);
        runner.enqueue(IMAGE);
        runner.run();

        assertEquals(1, runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS).size());
        final List<MockFlowFile> failures = new ArrayList<>(runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE));
        assertEquals(List.of("FailedOperation.IdCardInfoIllegal", "InvalidParameterValue"),
                failures.stream().map(f -> f.getAttribute(IdCardAttributes.ERROR_CODE)).toList());
        final List<MockFlowFile> retries = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_RETRY);
        assertEquals(List.of("Transport.HTTP502"), retries.stream().map(f -> f.getAttribute(IdCardAttributes.ERROR_CODE)).toList());
        failures.addAll(retries);
        assertEquals(1, runner.getQueueSize().getObjectCount(), "the refused key keeps its FlowFile queued");

        final String logs = LogText.of(runner.getLogger()) + LogText.of(runner.getControllerServiceLogger(RecognizerRunner.SERVICE_ID));
        // so that an empty capture cannot pass: every failure and the credentials refusal were logged
        for (final String expected : List.of("FailedOperation.IdCardInfoIllegal", "InvalidParameterValue", "Transport.HTTP502",
                "AuthFailure.SignatureFailure", "stays queued")) {
            assertTrue(logs.contains(expected), expected + " was logged: " + logs);
        }
        final String surfaced = logs + verifications + failures.stream().map(MockFlowFile::getAttributes).toList();
        for (final String secret : List.of(TencentOcrTestServer.SECRET_KEY, WRONG_KEY, SESSION_TOKEN, ID_NUMBER,
                "44052419870101001X", "TC3-HMAC-SHA256 Credential")) {
            assertFalse(surfaced.contains(secret), secret + " leaked into " + surfaced);
        }
    }

}

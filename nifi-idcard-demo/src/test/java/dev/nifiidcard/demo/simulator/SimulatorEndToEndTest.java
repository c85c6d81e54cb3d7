package dev.nifiidcard.demo.simulator;

import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.nifiidcard.camera.specimen.SpecimenCard.Side.BACK;
import static dev.nifiidcard.camera.specimen.SpecimenCard.Side.FRONT;
import static dev.nifiidcard.camera.specimen.SpecimenPerson.LI_MING;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bundle's real Tencent service and processor, in nifi-mock, against the simulator. */
class SimulatorEndToEndTest {

    private TencentOcrSimulator simulator;
    private TestRunner runner;

    @BeforeEach
    void start() throws Exception {
        simulator = TencentOcrSimulator.start(0, TencentOcrSimulator.DEFAULT_SECRET_ID, TencentOcrSimulator.DEFAULT_SECRET_KEY);
        runner = TestRunners.newTestRunner(SignAndRecognizeIdCard.class);
        final TencentCloudIdCardOcrService service = new TencentCloudIdCardOcrService();
        runner.addControllerService("ocr", service);
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_ID, TencentOcrSimulator.DEFAULT_SECRET_ID);
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_KEY, TencentOcrSimulator.DEFAULT_SECRET_KEY);
        runner.setProperty(service, TencentCloudIdCardOcrService.ENDPOINT_URL, simulator.endpoint());
        runner.enableControllerService(service);
        runner.setProperty(SignAndRecognizeIdCard.OCR_SERVICE, "ocr");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void specimenFrontAndBackAreRecognizedThroughTheRealServiceEvenWhenThrottledOnceAndRetried() {
        simulator.throttleNext(1);
        runner.enqueue(Specimens.card(LI_MING, FRONT));
        runner.run();
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_RETRY, 1);
        runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_RETRY).getFirst()
                .assertAttributeEquals(IdCardAttributes.ERROR_CODE, "RequestLimitExceeded");
        // what NiFi's relationship retry does: the same card, queued again
        runner.clearTransferState();
        runner.enqueue(Specimens.card(LI_MING, FRONT));
        runner.run();
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
        final MockFlowFile front = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS).getFirst();
        front.assertAttributeEquals(IdCardAttributes.SIDE, "front");
        front.assertAttributeEquals(IdCardAttributes.NUMBER, "440524198701010014");
        front.assertAttributeEquals(IdCardAttributes.BIRTH, "1987-01-01");
        front.assertAttributeEquals(IdCardAttributes.NUMBER_VALID, "true");

        runner.clearTransferState();
        runner.enqueue(Specimens.card(LI_MING, BACK));
        runner.run();
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
        final MockFlowFile back = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS).getFirst();
        back.assertAttributeEquals(IdCardAttributes.SIDE, "back");
        back.assertAttributeEquals(IdCardAttributes.VALID_FROM, "2017-08-12");
        back.assertAttributeEquals(IdCardAttributes.VALID_UNTIL, "2037-08-12");
        assertEquals(3, simulator.requestCount(), "one throttled attempt, retried by the framework, then one call per card");
    }

    @Test
    void anImageWithoutACardRoutesToFailureWithTencentsCode() {
        runner.enqueue(Specimens.emptyDesk());

        runner.run();

        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE).get(0)
                .assertAttributeEquals(IdCardAttributes.ERROR_CODE, "FailedOperation.ImageNoIdCard");
    }
}

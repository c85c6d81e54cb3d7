package dev.nifiidcard.processors;

import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import dev.nifiidcard.testing.RecognizerRunner;
import dev.nifiidcard.testing.TestImages;
import org.apache.nifi.util.MockFlowFile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.nifiidcard.testing.TencentOcrTestServer.frontCard;
import static dev.nifiidcard.testing.TencentOcrTestServer.ok;
import static dev.nifiidcard.testing.TencentOcrTestServer.withAdvancedInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What is sent for a FlowFile and what is refused before any call: pre-flight, properties, the request's Config. */
class SignAndRecognizeIdCardRequestTest extends TencentRecognizerTest {

    @Test
    void preflightRejectsCostNoCall() throws Exception {
        final byte[] text = "name,number\n李明,440524198701010014\n".getBytes(StandardCharsets.UTF_8);
        runner.enqueue(new byte[0]);
        runner.enqueue(text);
        runner.enqueue(TestImages.gif(800, 500));
        runner.enqueue(TestImages.jpeg(8, 8));
        runner.enqueue(TestImages.png(100, 1200));
        runner.run(5);

        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_FAILURE, 5);
        final List<String> codes = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE).stream()
                .map(f -> f.getAttribute(IdCardAttributes.ERROR_CODE)).toList();
        assertEquals(List.of("Local.EmptyContent", "Local.UnsupportedFormat", "Local.UnsupportedFormat",
                "Local.ImageTooSmall", "Local.ImageTooSmall"), codes);
        runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE).get(1).assertContentEquals(text);
        runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE)
                .forEach(f -> f.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "false"));
        assertEquals(0, server.requestCount());
    }

    @Test
    void imagesOverTheSizeLimitCostNoCall() throws Exception {
        final TencentCloudIdCardOcrService service = RecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, TencentCloudIdCardOcrService.MAX_IMAGE_SIZE, "4 KB");
        runner.enableControllerService(service);
        final byte[] large = TestImages.noisePng(200, 200, 1);

        runner.enqueue(large);
        runner.run();

        final MockFlowFile out = onlyFlowFile(SignAndRecognizeIdCard.REL_FAILURE);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Local.ImageTooLarge");
        out.assertContentEquals(large);
        assertEquals(0, server.requestCount());
    }

    @Test
    void pngDeclaringHugeDimensionsCostsNoCall() throws Exception {
        final byte[] bomb = TestImages.png(300, 300);
        java.nio.ByteBuffer.wrap(bomb, 16, 8).putInt(50_000).putInt(50_000);

        runner.enqueue(bomb);
        runner.run();

        onlyFlowFile(SignAndRecognizeIdCard.REL_FAILURE).assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Local.ImageDimensionsTooLarge");
        assertEquals(0, server.requestCount());
    }

    @Test
    void acceptsPngAndBmp() throws Exception {
        runner.enqueue(TestImages.png(800, 500));
        runner.enqueue(TestImages.bmp(800, 500));
        runner.run(2);

        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 2);
        assertEquals(2, server.requestCount());
    }

    @Test
    void propertyValidation() throws Exception {
        runner.assertValid();
        runner.setProperty(SignAndRecognizeIdCard.CARD_SIDE, "Sideways");
        runner.assertNotValid();
        runner.setProperty(SignAndRecognizeIdCard.CARD_SIDE, "front");
        runner.assertValid();
        runner.setProperty(SignAndRecognizeIdCard.CARD_WARNINGS, "PHOTOCOPY,NOT_A_WARNING");
        runner.assertNotValid();
        runner.setProperty(SignAndRecognizeIdCard.CARD_WARNINGS, "WATERMARK");
        runner.assertNotValid();
        runner.setProperty(SignAndRecognizeIdCard.CARD_WARNINGS, "photocopy, REFLECTION");
        runner.assertValid();
        runner.setProperty(SignAndRecognizeIdCard.MINIMUM_QUALITY, "101");
        runner.assertNotValid();
        runner.setProperty(SignAndRecognizeIdCard.MINIMUM_QUALITY, "-1");
        runner.assertNotValid();
    }

    @Test
    void requestedWarningsShapeTheConfig() throws Exception {
        runner.setProperty(SignAndRecognizeIdCard.CARD_WARNINGS, "PHOTOCOPY,TEMPORARY_ID");
        runOne(REL_SUCCESS_NAME);
        assertEquals("{\"CopyWarn\":true,\"TempIdWarn\":true,\"Quality\":true}", server.calls().getFirst().body().get("Config").asText());

        runner.clearTransferState();
        runner.setProperty(SignAndRecognizeIdCard.CARD_WARNINGS, "");
        runner.setProperty(SignAndRecognizeIdCard.MINIMUM_QUALITY, "0");
        server.then(ok(withAdvancedInfo(frontCard(), 3, List.of(), null, null)));
        final MockFlowFile out = runOne(REL_SUCCESS_NAME);
        assertEquals("{\"Quality\":true}", server.calls().get(1).body().get("Config").asText());
        out.assertAttributeEquals(IdCardAttributes.QUALITY, "3");
    }

    @Test
    void defaultConfigAsksForTheBasicWarningsAndQuality() throws Exception {
        runOne(REL_SUCCESS_NAME);
        assertEquals("{\"BorderCheckWarn\":true,\"CopyWarn\":true,\"ReshootWarn\":true,\"TempIdWarn\":true,"
                        + "\"DetectPsWarn\":true,\"ReflectWarn\":true,\"InvalidDateWarn\":true,\"Quality\":true}",
                server.calls().getFirst().body().get("Config").asText());
    }
}

package dev.nifiidcard.jumdata;

import dev.nifiidcard.image.ImageHeaderReader;
import dev.nifiidcard.image.ImagePreflight;
import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.testing.JumdataRunner;
import dev.nifiidcard.testing.RelationshipRetry;
import dev.nifiidcard.testing.JumdataTestServer;
import dev.nifiidcard.testing.LogText;
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
import java.util.List;
import java.util.Map;

import static dev.nifiidcard.testing.JumdataTestServer.backCard;
import static dev.nifiidcard.testing.JumdataTestServer.documentedFrontCard;
import static dev.nifiidcard.testing.JumdataTestServer.error;
import static dev.nifiidcard.testing.JumdataTestServer.frontCard;
import static dev.nifiidcard.testing.JumdataTestServer.json;
import static dev.nifiidcard.testing.JumdataTestServer.noCard;
import static dev.nifiidcard.testing.JumdataTestServer.ok;
import static dev.nifiidcard.testing.JumdataTestServer.rotated;
import static dev.nifiidcard.testing.JumdataTestServer.uncertain;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SignAndRecognizeIdCard, unchanged, with the Jumdata service: routes and idcard.* attributes as documented. */
class JumdataRecognitionFlowTest {

    private static final byte[] IMAGE = TestImages.jpeg(800, 500);
    private static final String ID_NUMBER = "440524198701010014";

    private JumdataTestServer server;
    private TestRunner runner;

    @BeforeEach
    void start() throws Exception {
        server = new JumdataTestServer();
        runner = JumdataRunner.create(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void frontSideRoutesToSuccessWithNormalizedAttributes() throws Exception {
        server.then(ok(frontCard()));

        final MockFlowFile out = runOne(IMAGE, SignAndRecognizeIdCard.REL_SUCCESS);
        out.assertAttributeEquals(IdCardAttributes.SIDE, "front");
        out.assertAttributeEquals(IdCardAttributes.NAME, "李明");
        out.assertAttributeEquals(IdCardAttributes.SEX, "男");
        out.assertAttributeEquals(IdCardAttributes.NATION, "汉");
        out.assertAttributeEquals(IdCardAttributes.BIRTH, "1987-01-01");
        out.assertAttributeEquals(IdCardAttributes.NUMBER, ID_NUMBER);
        out.assertAttributeEquals(IdCardAttributes.ADDRESS, "广东省深圳市南山区科技园路1号");
        out.assertAttributeEquals(IdCardAttributes.NUMBER_VALID, "true");
        out.assertAttributeEquals(IdCardAttributes.WARNINGS, "");
        out.assertAttributeEquals(IdCardAttributes.WARNING_CODES, "");
        out.assertAttributeEquals(IdCardAttributes.PROVIDER, "jumdata");
        assertTrue(out.getAttribute(IdCardAttributes.REQUEST_ID).matches("\\d{20}"));
        out.assertAttributeNotExists(IdCardAttributes.QUALITY);
        out.assertAttributeNotExists(IdCardAttributes.ROTATION);
        out.assertAttributeNotExists(IdCardAttributes.AUTHORITY);
        out.assertAttributeNotExists(IdCardAttributes.ERROR_CODE);
        out.assertContentEquals(IMAGE);
        assertArrayEquals(IMAGE, server.calls().getFirst().image(), "the server received the content byte for byte");

        final List<ProvenanceEventRecord> sends = runner.getProvenanceEvents().stream()
                .filter(event -> event.getEventType() == ProvenanceEventType.SEND).toList();
        assertEquals(1, sends.size());
        assertEquals(server.url() + "ocr/idcard-v1", sends.getFirst().getTransitUri());
    }

    @Test
    void backSideWithRotationAndLongTermValidity() throws Exception {
        server.then(ok(rotated(backCard("20190806-长期"), "cw270")));

        final MockFlowFile out = runOne(IMAGE, SignAndRecognizeIdCard.REL_SUCCESS);
        out.assertAttributeEquals(IdCardAttributes.SIDE, "back");
        out.assertAttributeEquals(IdCardAttributes.AUTHORITY, "杭州市公安局余杭分局");
        out.assertAttributeEquals(IdCardAttributes.VALID_FROM, "2019-08-06");
        out.assertAttributeEquals(IdCardAttributes.VALID_UNTIL, "long-term");
        out.assertAttributeEquals(IdCardAttributes.ROTATION, "cw270");
        out.assertAttributeNotExists(IdCardAttributes.NUMBER);
    }

    @Test
    void documentedSampleRoutesToWarningForItsCheckCharacter() throws Exception {
        server.then(ok(documentedFrontCard()));

        final MockFlowFile out = runOne(IMAGE, SignAndRecognizeIdCard.REL_WARNING);
        out.assertAttributeEquals(IdCardAttributes.BIRTH, "1989-12-01");
        out.assertAttributeEquals(IdCardAttributes.NUMBER_VALID, "false");
        out.assertAttributeEquals(IdCardAttributes.NUMBER_PROBLEM, "CHECK_DIGIT");
        out.assertAttributeEquals(IdCardAttributes.WARNINGS, IdCardAttributes.INVALID_ID_NUMBER);
    }

    @Test
    void anUnreliableFieldRoutesToWarning() throws Exception {
        server.then(ok(uncertain(frontCard(), "address")));

        final MockFlowFile out = runOne(IMAGE, SignAndRecognizeIdCard.REL_WARNING);
        out.assertAttributeEquals(IdCardAttributes.WARNINGS, "FIELD_UNCERTAIN");
        out.assertAttributeEquals(IdCardAttributes.WARNING_CODES, "validity.address=false");
        out.assertAttributeEquals(IdCardAttributes.ADDRESS, "广东省深圳市南山区科技园路1号");
    }

    @Test
    void aPhotoWithoutACardFailsAsNothingRecognized() throws Exception {
        server.then(ok(noCard()));

        final MockFlowFile out = runOne(IMAGE, SignAndRecognizeIdCard.REL_FAILURE);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Result.NothingRecognized");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "false");
        out.assertAttributeExists(IdCardAttributes.REQUEST_ID);
        out.assertContentEquals(IMAGE);
    }

    @Test
    void theOtherSideThanAskedForFails() throws Exception {
        runner.setProperty(SignAndRecognizeIdCard.CARD_SIDE, "Back");
        server.then(ok(frontCard()));

        final MockFlowFile out = runOne(IMAGE, SignAndRecognizeIdCard.REL_FAILURE);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Result.CardSideMismatch");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "false");
    }

    /**
     * Image refusals and provider errors concern one FlowFile, after one call: what cannot succeed later goes to
     * failure, what may (throttling, an outage) goes to retry, penalized; the processor does not yield for either.
     */
    @ParameterizedTest
    @CsvSource({
            "301, false",
            "999, false",
            "609, true",
            "500, true"
    })
    void refusalsFailWithTheProvidersCode(final int code, final boolean retryable) throws Exception {
        server.setFallback(call -> json(error(code, "号码 " + ID_NUMBER + " 未通过")));

        final MockFlowFile out = runOne(IMAGE, retryable ? SignAndRecognizeIdCard.REL_RETRY : SignAndRecognizeIdCard.REL_FAILURE);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, Integer.toString(code));
        out.assertAttributeEquals(IdCardAttributes.ERROR_MESSAGE, "号码 440524********0014 未通过");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, Boolean.toString(retryable));
        out.assertAttributeEquals(IdCardAttributes.PROVIDER, "jumdata");
        assertEquals(retryable, out.isPenalized());
        assertEquals(1, server.requestCount(), "one attempt per trigger");
        assertFalse(runner.isYieldCalled());
        out.assertContentEquals(IMAGE);
    }

    /** Throttled twice, then recognized on NiFi's relationship retry: one call per attempt, each signed and accepted. */
    @Test
    void throttlingIsRecognizedOnTheRetryRelationship() throws Exception {
        server.then(json(error(609, "请求过于频繁"))).then(json(error(606, "调用超限"))).then(ok(frontCard()));

        runner.enqueue(IMAGE);
        RelationshipRetry.run(runner, 3);
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS).getFirst();
        out.assertAttributeEquals(IdCardAttributes.NUMBER, ID_NUMBER);
        out.assertAttributeNotExists(IdCardAttributes.ERROR_CODE);
        out.assertContentEquals(IMAGE);
        assertEquals(3, server.requestCount());
        server.calls().forEach(call -> assertArrayEquals(IMAGE, call.image()));
        server.calls().forEach(call -> assertNull(call.refusal(), "signed right"));
    }

    /** Throttled on every attempt: after the last retry the FlowFile stays on retry, with the provider's code. */
    @Test
    void throttlingBeyondTheRetriesStaysOnRetry() throws Exception {
        server.setFallback(call -> json(error(609, "请求过于频繁")));

        runner.enqueue(IMAGE);
        RelationshipRetry.run(runner, 2);
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_RETRY, 1);
        runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_RETRY).getFirst()
                .assertAttributeEquals(IdCardAttributes.ERROR_CODE, "609");
        assertEquals(3, server.requestCount(), "the first attempt and 2 retries, one call each");
    }

    /** Account and credential refusals concern every FlowFile: none fails, this one stays queued, the processor yields. */
    @ParameterizedTest
    @CsvSource({"603", "607"})
    void accountAndCredentialRefusalsKeepTheFlowFileQueued(final int code) {
        server.setFallback(call -> json(error(code, "号码 " + ID_NUMBER + " 未通过")));
        runner.enqueue(IMAGE);
        runner.run();

        runner.assertTransferCount(SignAndRecognizeIdCard.REL_FAILURE, 0);
        assertEquals(1, runner.getQueueSize().getObjectCount());
        assertTrue(runner.isYieldCalled());
        assertEquals(1, server.requestCount());
    }

    /** Jumdata's limits: JPEG or PNG, each side more than 8 and at most 4000 px, at most 2 MB; refused without a call. */
    @ParameterizedTest
    @CsvSource({
            "bmp, 300, 200, " + ImageHeaderReader.UNSUPPORTED_FORMAT,
            "jpeg, 8, 200, " + ImagePreflight.TOO_SMALL,
            "png, 300, 8, " + ImagePreflight.TOO_SMALL,
            "jpeg, 4001, 300, " + ImagePreflight.DIMENSIONS_TOO_LARGE,
            "noise, 900, 900, " + ImagePreflight.TOO_LARGE
    })
    void imagesBeyondJumdatasLimitsAreRefusedWithoutACall(final String kind, final int width, final int height, final String code) throws Exception {
        final byte[] image = image(kind, width, height);

        final MockFlowFile out = runOne(image, SignAndRecognizeIdCard.REL_FAILURE);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, code);
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "false");
        out.assertContentEquals(image);
        assertEquals(0, server.requestCount());
    }

    @ParameterizedTest
    @CsvSource({"jpeg, 9, 9", "png, 4000, 9", "jpeg, 9, 4000"})
    void imagesAtJumdatasLimitsAreSent(final String kind, final int width, final int height) throws Exception {
        runOne(image(kind, width, height), SignAndRecognizeIdCard.REL_SUCCESS);
        assertEquals(1, server.requestCount());
    }

    @Test
    void anImageJustUnderTwoMegabytesIsSent() throws Exception {
        final byte[] image = TestImages.noisePng(830, 830, 3);
        assertTrue(image.length <= 2 * 1024 * 1024 && image.length > 2_000_000, image.length + " bytes");

        runOne(image, SignAndRecognizeIdCard.REL_SUCCESS);
        assertArrayEquals(image, server.calls().getFirst().image());
    }

    @Test
    void noSecretSignOrFullIdNumberInLogsAttributesOrProvenance() throws Exception {
        runner.setProperty(SignAndRecognizeIdCard.ID_NUMBER_IN_ATTRIBUTES, "Masked");
        server.then(ok(frontCard()))
                .then(json(error(301, "识别失败: " + ID_NUMBER)))
                .then(call -> json(error(400, "sign " + call.field("sign") + " 校验失败")))
                .then(json(error(603, "余额不足请充值")));
        for (int i = 0; i < 4; i++) {
            runner.enqueue(IMAGE);
        }
        // one run each: a run restarts the processor, which ends the hold the sign refusal put on the account
        for (int i = 0; i < 4; i++) {
            runner.run();
        }
        assertEquals(4, server.requestCount(), "every scripted answer was given, the account refusal too");
        final List<ConfigVerificationResult> verified = new ArrayList<>(runner.verify(Map.of()));

        final JumdataIdCardOcrService service = JumdataRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, JumdataIdCardOcrService.APP_SECRET, "wrongSecret0000SECRET");
        verified.addAll(runner.verify(service, Map.of()));

        final StringBuilder everything = new StringBuilder();
        everything.append(LogText.of(runner.getLogger())).append(LogText.of(runner.getControllerServiceLogger(JumdataRunner.SERVICE_ID)));
        everything.append(verified);
        runner.getProvenanceEvents().forEach(event -> everything.append(event.getDetails()).append(event.getTransitUri())
                .append(event.getAttributes()));
        for (final Relationship relationship : List.of(SignAndRecognizeIdCard.REL_SUCCESS, SignAndRecognizeIdCard.REL_FAILURE,
                SignAndRecognizeIdCard.REL_RETRY)) {
            runner.getFlowFilesForRelationship(relationship).forEach(flowFile -> everything.append(flowFile.getAttributes()));
        }
        final String text = everything.toString();

        assertEquals(1, runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS).size());
        assertEquals(1, runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE).size());
        assertEquals(2, runner.getQueueSize().getObjectCount(), "the sign and account refusals keep their FlowFiles queued");
        assertTrue(text.contains("余额不足请充值") && text.contains("校验失败"), "both refusals were logged: " + text);
        assertTrue(text.contains("440524********0014"), "the masked number is there, so the search is on the right text");
        assertFalse(text.contains(JumdataTestServer.APP_SECRET));
        assertFalse(text.contains("wrongSecret0000SECRET"));
        assertFalse(text.contains(ID_NUMBER));
        for (final JumdataTestServer.Call call : server.calls()) {
            assertFalse(text.contains(call.field("sign")), "no sign that was sent");
        }
    }

    /**
     * An answer lost after the whole image was sent may have been recognized and billed: by default the FlowFile goes
     * to failure (not penalized), marked retryable so that the flow may decide, and the image is not sent again.
     */
    @Test
    void anAnswerLostGoesToFailureByDefault() throws Exception {
        server.then(JumdataTestServer.raw(200, "text/html", "<html>cut")).then(ok(frontCard()));

        runner.enqueue(IMAGE);
        RelationshipRetry.run(runner, 3);
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_FAILURE, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE).getFirst();
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Transport.MalformedResponse");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
        assertFalse(out.isPenalized());
        assertEquals(1, server.requestCount(), "not sent again");
        assertTrue(runner.getProvenanceEvents().stream().anyMatch(event -> event.getEventType() == ProvenanceEventType.SEND),
                "the image left the system: a SEND is in its lineage");
    }

    @Test
    void retryAfterAnswerLostIsHonoured() throws Exception {
        final TestRunner retrying = JumdataRunner.create(server, Map.of());
        retrying.setProperty(SignAndRecognizeIdCard.RETRY_AFTER_ANSWER_LOST, "true");
        server.then(JumdataTestServer.raw(200, "text/html", "<html>cut")).then(ok(frontCard()));

        retrying.enqueue(IMAGE);
        retrying.run();
        retrying.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_RETRY, 1);
        final MockFlowFile lost = retrying.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_RETRY).getFirst();
        lost.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Transport.MalformedResponse");
        lost.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
        assertTrue(lost.isPenalized());
        assertEquals(1, server.requestCount(), "one call per trigger");

        // NiFi's relationship retry puts it back on the queue, as it came in
        retrying.clearTransferState();
        retrying.enqueue(lost.toByteArray());
        retrying.run();
        retrying.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
        assertEquals(2, server.requestCount());
        assertArrayEquals(IMAGE, server.calls().getLast().image(), "sent again whole");
    }

    private MockFlowFile runOne(final byte[] image, final Relationship relationship) {
        runner.enqueue(image);
        runner.run();
        runner.assertAllFlowFilesTransferred(relationship, 1);
        runner.assertQueueEmpty();
        return runner.getFlowFilesForRelationship(relationship).getFirst();
    }

    private static byte[] image(final String kind, final int width, final int height) {
        return switch (kind) {
            case "bmp" -> TestImages.bmp(width, height);
            case "png" -> TestImages.png(width, height);
            case "noise" -> TestImages.noisePng(width, height, 5);
            default -> TestImages.jpeg(width, height);
        };
    }
}

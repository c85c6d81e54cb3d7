package dev.nifiidcard.processors;

import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import dev.nifiidcard.testing.LogText;
import dev.nifiidcard.testing.RecognizerRunner;
import dev.nifiidcard.testing.TencentOcrTestServer;
import dev.nifiidcard.testing.TestImages;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.nifiidcard.testing.TencentOcrTestServer.backCard;
import static dev.nifiidcard.testing.TencentOcrTestServer.error;
import static dev.nifiidcard.testing.TencentOcrTestServer.frontCard;
import static dev.nifiidcard.testing.TencentOcrTestServer.ok;
import static dev.nifiidcard.testing.TencentOcrTestServer.withAdvancedInfo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recognition, its fields and checks, result destinations, pre-flight and properties. */
class SignAndRecognizeIdCardTest extends TencentRecognizerTest {

    @Test
    void frontSideIsRecognizedAndNormalized() throws Exception {
        server.then(ok(withAdvancedInfo(frontCard(), 88, List.of(), null, null)));

        final MockFlowFile out = runOne(REL_SUCCESS_NAME);
        out.assertAttributeEquals(IdCardAttributes.SIDE, "front");
        out.assertAttributeEquals(IdCardAttributes.NAME, "李明");
        out.assertAttributeEquals(IdCardAttributes.SEX, "男");
        out.assertAttributeEquals(IdCardAttributes.NATION, "汉");
        out.assertAttributeEquals(IdCardAttributes.BIRTH, "1987-01-01");
        out.assertAttributeEquals(IdCardAttributes.NUMBER, "440524198701010014");
        out.assertAttributeEquals(IdCardAttributes.ADDRESS, "北京市石景山区高新技术园腾讯大楼");
        out.assertAttributeEquals(IdCardAttributes.NUMBER_VALID, "true");
        out.assertAttributeEquals(IdCardAttributes.QUALITY, "88");
        out.assertAttributeEquals(IdCardAttributes.WARNINGS, "");
        out.assertAttributeEquals(IdCardAttributes.PROVIDER, "tencent-cloud");
        out.assertAttributeExists(IdCardAttributes.REQUEST_ID);
        out.assertAttributeNotExists(IdCardAttributes.AUTHORITY);
        out.assertAttributeNotExists(IdCardAttributes.ERROR_CODE);
        out.assertContentEquals(IMAGE);
        assertArrayEquals(IMAGE, server.calls().getFirst().image(), "the server received the content byte for byte");
    }

    @Test
    void backSideWithLongTermValidity() throws Exception {
        server.then(ok(backCard("2017.08.12-长期")));

        final MockFlowFile out = runOne(REL_SUCCESS_NAME);
        out.assertAttributeEquals(IdCardAttributes.SIDE, "back");
        out.assertAttributeEquals(IdCardAttributes.AUTHORITY, "深圳市公安局南山分局");
        out.assertAttributeEquals(IdCardAttributes.VALID_FROM, "2017-08-12");
        out.assertAttributeEquals(IdCardAttributes.VALID_UNTIL, "long-term");
        out.assertAttributeNotExists(IdCardAttributes.NUMBER);
        out.assertAttributeNotExists(IdCardAttributes.NUMBER_VALID);
    }

    @Test
    void backSideWithDatedValidity() throws Exception {
        server.then(ok(backCard("2018.08.12-2038.08.12")));

        final MockFlowFile out = runOne(REL_SUCCESS_NAME);
        out.assertAttributeEquals(IdCardAttributes.VALID_UNTIL, "2038-08-12");
    }

    @ParameterizedTest
    @CsvSource({
            "-9101, BORDER_INCOMPLETE",
            "-9102, PHOTOCOPY",
            "-9103, SCREEN_RESHOOT",
            "-9104, TEMPORARY_ID",
            "-9105, OCCLUSION",
            "-9106, PS_EDITED",
            "-9107, REFLECTION",
            "-9108, BLACK_WHITE_COPY",
            "-9109, INVALID_DATE",
            "-9100, INVALID_DATE",
            "-9110, ELECTRONIC_ID",
            "-9111, WATERMARK",
            "-9999, UNKNOWN"
    })
    void everyCardWarningRoutesToWarning(final int code, final String name) throws Exception {
        server.then(ok(withAdvancedInfo(frontCard(), 90, List.of(code), null, null)));

        final MockFlowFile out = runOne(REL_WARNING_NAME);
        out.assertAttributeEquals(IdCardAttributes.WARNINGS, name);
        out.assertAttributeEquals(IdCardAttributes.WARNING_CODES, Integer.toString(code));
        out.assertContentEquals(IMAGE);
    }

    @Test
    void severalWarningsAreAllListed() throws Exception {
        server.then(ok(withAdvancedInfo(frontCard(), 30, List.of(-9102, -9104), null, null)));

        final MockFlowFile out = runOne(REL_WARNING_NAME);
        out.assertAttributeEquals(IdCardAttributes.WARNINGS, "PHOTOCOPY,TEMPORARY_ID,LOW_QUALITY");
        out.assertAttributeEquals(IdCardAttributes.WARNING_CODES, "-9102,-9104");
    }

    @Test
    void qualityBelowTheMinimumRoutesToWarning() throws Exception {
        runner.setProperty(SignAndRecognizeIdCard.MINIMUM_QUALITY, "60");
        server.then(ok(withAdvancedInfo(frontCard(), 59, List.of(), null, null)));

        runOne(REL_WARNING_NAME).assertAttributeEquals(IdCardAttributes.WARNINGS, "LOW_QUALITY");
    }

    @Test
    void inconsistentIdNumbersRouteToWarning() throws Exception {
        server.then(ok(frontCard("测试", "男", "1976/8/5", "110101197608056896")))
                .then(ok(frontCard("刘洋", "男", "1995/5/13", "440305199505132561")));

        runner.enqueue(IMAGE);
        runner.enqueue(IMAGE);
        runner.run(2);

        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_WARNING, 2);
        final List<MockFlowFile> out = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_WARNING);
        out.getFirst().assertAttributeEquals(IdCardAttributes.NUMBER_VALID, "false");
        out.getFirst().assertAttributeEquals(IdCardAttributes.NUMBER_PROBLEM, "CHECK_DIGIT");
        out.getFirst().assertAttributeEquals(IdCardAttributes.WARNINGS, "INVALID_ID_NUMBER");
        out.get(1).assertAttributeEquals(IdCardAttributes.NUMBER_PROBLEM, "SEX_MISMATCH");
    }

    @Test
    void idNumberValidationCanBeTurnedOff() throws Exception {
        runner.setProperty(SignAndRecognizeIdCard.VALIDATE_ID_NUMBER, "false");
        server.then(ok(frontCard("测试", "男", "1976/8/5", "110101197608056896")));

        runOne(REL_SUCCESS_NAME).assertAttributeNotExists(IdCardAttributes.NUMBER_VALID);
    }

    @Test
    void expiredCardRoutesToWarning() throws Exception {
        server.then(ok(backCard("2005.01.01-2015.01.01")));

        final MockFlowFile out = runOne(REL_WARNING_NAME);
        out.assertAttributeEquals(IdCardAttributes.WARNINGS, "EXPIRED");
        out.assertAttributeEquals(IdCardAttributes.VALID_UNTIL, "2015-01-01");
    }

    @Test
    void cardValidUntilTomorrowIsNotExpired() throws Exception {
        useClock(Clock.fixed(Instant.parse("2025-03-10T04:00:00Z"), ZoneOffset.UTC));
        server.then(ok(backCard("2016.03.11-2025.03.11")));

        runOne(REL_SUCCESS_NAME);
    }

    @ParameterizedTest
    @CsvSource({
            // 23:59:59 on 9 March in Shanghai: the card's last day
            "2025-03-09T15:59:59Z, UTC, success",
            // midnight in Shanghai: 10 March there, though still 9 March in UTC and in the clock's own zone
            "2025-03-09T16:00:00Z, UTC, warning",
            "2025-03-09T16:00:00Z, America/Los_Angeles, warning"
    })
    void cardExpiresAtMidnightInShanghai(final String instant, final String clockZone, final String relationship) throws Exception {
        useClock(Clock.fixed(Instant.parse(instant), ZoneId.of(clockZone)));
        server.then(ok(backCard("2005.03.09-2025.03.09")));

        final MockFlowFile out = runOne(relationship);
        out.assertAttributeEquals(IdCardAttributes.VALID_UNTIL, "2025-03-09");
        out.assertAttributeEquals(IdCardAttributes.WARNINGS, relationship.equals(REL_WARNING_NAME) ? "EXPIRED" : "");
    }

    /** Recognizes with a processor whose today is the clock's date in Shanghai. */
    private void useClock(final Clock clock) {
        runner = RecognizerRunner.create(server, Map.of(), new SignAndRecognizeIdCard(clock));
    }

    @Test
    void nothingRecognizedIsAFailure() throws Exception {
        server.then(ok(TencentOcrTestServer.emptyCard()));

        final MockFlowFile out = runOne(REL_FAILURE_NAME);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Result.NothingRecognized");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "false");
    }

    @Test
    void croppedImagesBecomeChildFlowFiles() throws Exception {
        runner.setProperty(SignAndRecognizeIdCard.CROP_CARD, "true");
        runner.setProperty(SignAndRecognizeIdCard.CROP_PORTRAIT, "true");
        final byte[] card = TestImages.jpeg(428, 270);
        final byte[] portrait = TestImages.jpeg(120, 150);
        server.then(ok(withAdvancedInfo(frontCard(), 80, List.of(), card, portrait)));

        runner.enqueue(IMAGE, Map.of("filename", "desk-1.jpg"));
        runner.run();

        runner.assertTransferCount(SignAndRecognizeIdCard.REL_SUCCESS, 1);
        final List<MockFlowFile> crops = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_CROPPED);
        assertEquals(2, crops.size());
        crops.getFirst().assertContentEquals(card);
        crops.getFirst().assertAttributeEquals(IdCardAttributes.IMAGE_KIND, "card");
        crops.getFirst().assertAttributeEquals(IdCardAttributes.NAME, "李明");
        crops.getFirst().assertAttributeEquals("mime.type", "image/jpeg");
        crops.getFirst().assertAttributeEquals("filename", "desk-1.jpg.card.jpg");
        crops.get(1).assertContentEquals(portrait);
        crops.get(1).assertAttributeEquals(IdCardAttributes.IMAGE_KIND, "portrait");
        assertEquals(Boolean.TRUE, server.calls().getFirst().config().path("CropIdCard").asBoolean());
        assertEquals(Boolean.TRUE, server.calls().getFirst().config().path("CropPortrait").asBoolean());
    }

    @Test
    void cardSideFromAnAttribute() throws Exception {
        runner.setProperty(SignAndRecognizeIdCard.CARD_SIDE, "${card.side}");
        server.then(ok(backCard("2017.08.12-2037.08.12")));

        runner.enqueue(IMAGE, Map.of("card.side", "back"));
        runner.run();

        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
        assertEquals("BACK", server.calls().getFirst().body().get("CardSide").asText());
    }

    /** Tencent echoes the side asked for; the fields it found show the other side: the same failure as every provider. */
    @ParameterizedTest(name = "Card Side {0}")
    @ValueSource(strings = {"Front", "Back"})
    void theOtherSideThanAskedForFailsAsCardSideMismatch(final String asked) throws Exception {
        runner.setProperty(SignAndRecognizeIdCard.CARD_SIDE, asked);
        server.then(ok("Front".equals(asked) ? backCard("2017.08.12-2037.08.12") : frontCard()));

        runner.enqueue(IMAGE);
        runner.run();

        final MockFlowFile out = onlyFlowFile(SignAndRecognizeIdCard.REL_FAILURE);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Result.CardSideMismatch");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "false");
        out.assertAttributeExists(IdCardAttributes.REQUEST_ID);
        out.assertAttributeNotExists(IdCardAttributes.NAME);
        out.assertContentEquals(IMAGE);
    }

    @Test
    void invalidCardSideAttributeFailsWithoutACall() throws Exception {
        runner.setProperty(SignAndRecognizeIdCard.CARD_SIDE, "${card.side}");
        runner.enqueue(IMAGE, Map.of("card.side", "left"));
        runner.run();

        final MockFlowFile out = onlyFlowFile(SignAndRecognizeIdCard.REL_FAILURE);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Local.InvalidCardSide");
        assertEquals(0, server.requestCount());
    }

    @Test
    void autoSideSendsNoCardSide() throws Exception {
        runOne(REL_SUCCESS_NAME);
        assertFalse(server.calls().getFirst().body().has("CardSide"));
    }

    @Test
    void previousResultAttributesAreReplaced() throws Exception {
        runner.setProperty(SignAndRecognizeIdCard.CARD_SIDE, "${idcard.side}");
        server.then(ok(backCard("2017.08.12-2037.08.12")));
        runner.enqueue(IMAGE, Map.of(IdCardAttributes.ERROR_CODE, "InternalError", IdCardAttributes.ERROR_RETRYABLE, "true",
                IdCardAttributes.SIDE, "back", "idcard.enrollment.desk", "lobby-2"));
        runner.run();

        final MockFlowFile out = onlyFlowFile(SignAndRecognizeIdCard.REL_SUCCESS);
        out.assertAttributeNotExists(IdCardAttributes.ERROR_CODE);
        out.assertAttributeNotExists(IdCardAttributes.ERROR_RETRYABLE);
        out.assertAttributeEquals("idcard.enrollment.desk", "lobby-2");
        assertEquals("BACK", server.calls().getFirst().body().get("CardSide").asText(), "the side was read before the old result was removed");
    }

    @Test
    void provenanceRecordsTheSendWithoutSecretsOrNumbers() throws Exception {
        runOne(REL_SUCCESS_NAME);

        final List<ProvenanceEventRecord> sends = runner.getProvenanceEvents().stream()
                .filter(event -> event.getEventType() == ProvenanceEventType.SEND).toList();
        assertEquals(1, sends.size());
        assertEquals(server.url(), sends.getFirst().getTransitUri());
        final String details = String.valueOf(sends.getFirst().getDetails());
        assertTrue(details.startsWith("tencent-cloud recognized the front side (request "), details);
        assertFalse(details.contains(TencentOcrTestServer.SECRET_KEY));
        assertFalse(details.contains("440524198701010014"));
    }

    @ParameterizedTest
    @CsvSource({"Full, 440524198701010014", "Masked, 440524********0014"})
    void idNumberInAttributesAsConfigured(final String setting, final String expected) throws Exception {
        runner.setProperty(SignAndRecognizeIdCard.ID_NUMBER_IN_ATTRIBUTES, setting);
        runner.setProperty(SignAndRecognizeIdCard.CROP_CARD, "true");
        server.then(ok(withAdvancedInfo(frontCard(), 80, List.of(), TestImages.jpeg(428, 270), null)));

        final MockFlowFile out = runOne(REL_SUCCESS_NAME);
        out.assertAttributeEquals(IdCardAttributes.NUMBER, expected);
        out.assertAttributeEquals(IdCardAttributes.NUMBER_VALID, "true");
        runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_CROPPED).getFirst().assertAttributeEquals(IdCardAttributes.NUMBER, expected);
    }

    @Test
    void idNumberCanBeOmittedEverywhere() throws Exception {
        runner.setProperty(SignAndRecognizeIdCard.ID_NUMBER_IN_ATTRIBUTES, "Omitted");
        server.then(ok(frontCard("测试", "男", "1976/8/5", "110101197608056896")));

        final MockFlowFile out = runOne(REL_WARNING_NAME);
        out.assertAttributeNotExists(IdCardAttributes.NUMBER);
        out.assertAttributeEquals(IdCardAttributes.NUMBER_PROBLEM, "CHECK_DIGIT");
        assertFalse(out.getAttributes().toString().contains("110101197608056896"));
        assertTrue(runner.getProvenanceEvents().stream().noneMatch(e -> e.getAttributes().toString().contains("110101197608056896")),
                "provenance holds only what the attributes hold");
    }

    @Test
    void resultAsJsonContentWithTheImageOnOriginal() throws Exception {
        assertFalse(runner.getProcessor().getRelationships().contains(SignAndRecognizeIdCard.REL_ORIGINAL));
        runner.setProperty(SignAndRecognizeIdCard.RESULT_DESTINATION, "FlowFile Content");
        runner.setProperty(SignAndRecognizeIdCard.ID_NUMBER_IN_ATTRIBUTES, "Masked");
        assertTrue(runner.getProcessor().getRelationships().contains(SignAndRecognizeIdCard.REL_ORIGINAL));
        server.then(ok(withAdvancedInfo(frontCard(), 77, List.of(-9102), null, null)));

        runner.enqueue(IMAGE, Map.of("filename", "desk.jpg"));
        runner.run();

        final MockFlowFile result = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_WARNING).getFirst();
        final com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.toByteArray());
        assertEquals("李明", json.get("name").asText());
        assertEquals("440524********0014", json.get("number").asText());
        assertEquals("1987-01-01", json.get("birth").asText());
        assertEquals(77, json.get("quality").asInt());
        assertTrue(json.get("numberValid").asBoolean());
        assertEquals("PHOTOCOPY", json.get("warnings").get(0).asText());
        assertEquals("-9102", json.get("warningCodes").get(0).asText());
        result.assertAttributeEquals("mime.type", "application/json");
        result.assertAttributeEquals(IdCardAttributes.WARNINGS, "PHOTOCOPY");
        for (final String cardField : IdCardAttributes.CARD_FIELDS) {
            result.assertAttributeNotExists(cardField);
        }

        final MockFlowFile image = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_ORIGINAL).getFirst();
        image.assertContentEquals(IMAGE);
        image.assertAttributeNotExists(IdCardAttributes.NAME);
        image.assertAttributeEquals(IdCardAttributes.SIDE, "front");
        runner.assertTransferCount(SignAndRecognizeIdCard.REL_SUCCESS, 0);
    }

    @Test
    void failuresKeepTheImageWhateverTheResultDestination() throws Exception {
        runner.setProperty(SignAndRecognizeIdCard.RESULT_DESTINATION, "FlowFile Content");
        server.then(ok(error("FailedOperation.ImageNoIdCard", "no card")));

        final MockFlowFile out = runOne(REL_FAILURE_NAME);
        out.assertContentEquals(IMAGE);
        runner.assertTransferCount(SignAndRecognizeIdCard.REL_ORIGINAL, 0);
    }

    @Test
    void logsHoldNeitherSecretsNorIdNumbers() throws Exception {
        server.then(ok(frontCard()))
                .then(ok(error("FailedOperation.IdCardInfoIllegal", "IdNum 440524198701010014 is illegal")))
                .then(ok(error("InternalError", "internal")));
        runner.enqueue(IMAGE);
        runner.enqueue(IMAGE);
        runner.enqueue(IMAGE);
        runner.run(3);
        final TencentCloudIdCardOcrService service = RecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, TencentCloudIdCardOcrService.SESSION_TOKEN, "sts-session-token-secret");
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_KEY, "a-wrong-secret-key");
        runner.enableControllerService(service);
        runner.enqueue(IMAGE);
        runner.run();

        runner.assertTransferCount(SignAndRecognizeIdCard.REL_SUCCESS, 1);
        runner.assertTransferCount(SignAndRecognizeIdCard.REL_FAILURE, 1);
        runner.assertTransferCount(SignAndRecognizeIdCard.REL_RETRY, 1);
        assertEquals(4, server.requestCount(), "three answered calls, then the refused key's");
        assertEquals(1, runner.getQueueSize().getObjectCount(), "the refused key keeps its FlowFile queued");
        final String logs = LogText.of(runner.getLogger());
        assertTrue(logs.contains("AuthFailure.SignatureFailure"), "the failures were logged: " + logs);
        for (final String secret : List.of(TencentOcrTestServer.SECRET_KEY, "a-wrong-secret-key", "sts-session-token-secret",
                "440524198701010014", "TC3-HMAC-SHA256")) {
            assertFalse(logs.contains(secret), secret + " leaked into " + logs);
        }
        runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE).forEach(f ->
                assertFalse(f.getAttributes().toString().contains("440524198701010014"), "error attributes mask the number"));
    }
}

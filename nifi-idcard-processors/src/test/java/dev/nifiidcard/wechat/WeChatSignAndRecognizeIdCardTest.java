package dev.nifiidcard.wechat;

import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.testing.LogText;
import dev.nifiidcard.testing.TestImages;
import dev.nifiidcard.testing.WeChatRecognizerRunner;
import dev.nifiidcard.testing.WeChatTestServer;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.nifiidcard.testing.WeChatTestServer.backCard;
import static dev.nifiidcard.testing.WeChatTestServer.error;
import static dev.nifiidcard.testing.WeChatTestServer.frontCard;
import static dev.nifiidcard.testing.WeChatTestServer.ok;
import static dev.nifiidcard.testing.WeChatTestServer.raw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SignAndRecognizeIdCard, unchanged, with the WeChat service: the same routes and idcard.* attributes as with Tencent. */
class WeChatSignAndRecognizeIdCardTest {

    private static final byte[] IMAGE = TestImages.jpeg(800, 500);
    private static final String ID_NUMBER = "440524198701010014";

    private WeChatTestServer server;
    private TestRunner runner;

    @BeforeEach
    void start() throws Exception {
        server = new WeChatTestServer();
        runner = WeChatRecognizerRunner.create(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void frontSideGoesToSuccessWithTheNormalizedAttributes() throws Exception {
        server.then(ok(frontCard()));

        final MockFlowFile out = runOne(SignAndRecognizeIdCard.REL_SUCCESS);
        out.assertAttributeEquals(IdCardAttributes.SIDE, "front");
        out.assertAttributeEquals(IdCardAttributes.NAME, "李明");
        out.assertAttributeEquals(IdCardAttributes.SEX, "男");
        out.assertAttributeEquals(IdCardAttributes.NATION, "汉");
        out.assertAttributeEquals(IdCardAttributes.NUMBER, ID_NUMBER);
        out.assertAttributeEquals(IdCardAttributes.ADDRESS, "广东省广州市");
        out.assertAttributeEquals(IdCardAttributes.NUMBER_VALID, "true");
        out.assertAttributeEquals(IdCardAttributes.WARNINGS, "");
        out.assertAttributeEquals(IdCardAttributes.WARNING_CODES, "");
        out.assertAttributeEquals(IdCardAttributes.PROVIDER, "wechat");
        // WeChat reports neither a birth date, nor a quality, nor an id for a success
        out.assertAttributeNotExists(IdCardAttributes.BIRTH);
        out.assertAttributeNotExists(IdCardAttributes.QUALITY);
        out.assertAttributeNotExists(IdCardAttributes.REQUEST_ID);
        out.assertAttributeNotExists(IdCardAttributes.AUTHORITY);
        out.assertAttributeNotExists(IdCardAttributes.ERROR_CODE);
        out.assertContentEquals(IMAGE);
        assertArrayEquals(IMAGE, server.calls().getFirst().image(), "the server received the content byte for byte");

        final List<ProvenanceEventRecord> sends = runner.getProvenanceEvents().stream()
                .filter(event -> event.getEventType() == ProvenanceEventType.SEND).toList();
        assertEquals(1, sends.size());
        assertEquals(server.url() + "cv/ocr/idcard", sends.getFirst().getTransitUri(), "no query, so no access token");
    }

    @Test
    void backSideWithLongTermValidityGoesToSuccess() {
        server.then(ok(backCard("20190128-长期")));

        final MockFlowFile out = runOne(SignAndRecognizeIdCard.REL_SUCCESS);
        out.assertAttributeEquals(IdCardAttributes.SIDE, "back");
        out.assertAttributeEquals(IdCardAttributes.VALID_FROM, "2019-01-28");
        out.assertAttributeEquals(IdCardAttributes.VALID_UNTIL, "long-term");
        out.assertAttributeNotExists(IdCardAttributes.NUMBER_VALID);
    }

    /** WeChat takes no side and reports the one it detected: another than Card Side asks for fails the FlowFile. */
    @Test
    void theOtherSideThanCardSideAsksForFailsAsCardSideMismatch() {
        runner.setProperty(SignAndRecognizeIdCard.CARD_SIDE, "Front");
        server.then(ok(backCard("20190128-长期")));

        final MockFlowFile out = runOne(SignAndRecognizeIdCard.REL_FAILURE);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Result.CardSideMismatch");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "false");
        out.assertAttributeNotExists(IdCardAttributes.VALID_FROM);
    }

    @Test
    void backSideStillValidGoesToSuccess() {
        final String until = LocalDate.now().plusYears(5).format(DateTimeFormatter.BASIC_ISO_DATE);
        server.then(ok(backCard("20160101-" + until)));

        runOne(SignAndRecognizeIdCard.REL_SUCCESS).assertAttributeEquals(IdCardAttributes.VALID_UNTIL,
                LocalDate.now().plusYears(5).toString());
    }

    @Test
    void anExpiredCardGoesToWarning() {
        server.then(ok(backCard("20070105-20170105")));

        final MockFlowFile out = runOne(SignAndRecognizeIdCard.REL_WARNING);
        out.assertAttributeEquals(IdCardAttributes.WARNINGS, "EXPIRED");
        out.assertAttributeEquals(IdCardAttributes.VALID_UNTIL, "2017-01-05");
    }

    @Test
    void inconsistentIdNumbersGoToWarning() {
        // a wrong check digit, then a woman's number printed beside 男
        server.then(ok(frontCard("测试", "男", "110101197608056896"))).then(ok(frontCard("刘洋", "男", "440305199505132561")));
        runner.enqueue(IMAGE);
        runner.enqueue(IMAGE);
        runner.run(2);

        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_WARNING, 2);
        final List<MockFlowFile> out = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_WARNING);
        out.getFirst().assertAttributeEquals(IdCardAttributes.NUMBER_PROBLEM, "CHECK_DIGIT");
        out.getFirst().assertAttributeEquals(IdCardAttributes.WARNINGS, "INVALID_ID_NUMBER");
        out.get(1).assertAttributeEquals(IdCardAttributes.NUMBER_PROBLEM, "SEX_MISMATCH");
    }

    @Test
    void noIdCardGoesToFailureWithWeChatsCodeAndRid() throws Exception {
        server.then(ok(error(101001, "certificate not found")));

        final MockFlowFile out = runOne(SignAndRecognizeIdCard.REL_FAILURE);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "101001");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "false");
        out.assertAttributeEquals(IdCardAttributes.PROVIDER, "wechat");
        assertTrue(out.getAttribute(IdCardAttributes.ERROR_MESSAGE).startsWith("No ID card found in the image (WeChat: certificate not found rid: "),
                out.getAttribute(IdCardAttributes.ERROR_MESSAGE));
        assertTrue(out.getAttribute(IdCardAttributes.REQUEST_ID).matches("[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}"));
        assertFalse(out.isPenalized());
        assertFalse(runner.isYieldCalled(), "one image's problem");
        out.assertContentEquals(IMAGE);
        assertEquals(server.url() + "cv/ocr/idcard", runner.getProvenanceEvents().stream()
                .filter(event -> event.getEventType() == ProvenanceEventType.SEND).findFirst().orElseThrow().getTransitUri());
    }

    @Test
    void aBusyWeChatFailsRetryableAfterMaxRetries() {
        server.setFallback(call -> ok(error(-1, "system error")));

        final MockFlowFile out = runOne(SignAndRecognizeIdCard.REL_FAILURE);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "-1");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
        assertTrue(out.isPenalized());
        assertEquals(4, server.calls().size(), "1 attempt + Max Retries 3");
    }

    @Test
    void anUsedUpQuotaKeepsTheFlowFileQueuedAndYields() {
        server.setFallback(call -> ok(error(45009, "reach max api daily quota limit")));

        assertKeptQueued("45009");
        assertEquals(1, server.calls().size());
    }

    @Test
    void aWrongAppSecretKeepsTheFlowFileQueuedAndYieldsWithoutARecognition() {
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, WeChatIdCardOcrService.APP_SECRET, "notTheSecret");
        runner.enableControllerService(service);

        assertKeptQueued("40125");
        assertTrue(server.calls().isEmpty());
    }

    /** Every FlowFile would fail the same way: none goes to failure, this one waits in the queue, the processor yields. */
    private void assertKeptQueued(final String code) {
        runner.enqueue(IMAGE);
        runner.run();
        runner.assertTransferCount(SignAndRecognizeIdCard.REL_FAILURE, 0);
        assertEquals(1, runner.getQueueSize().getObjectCount());
        assertTrue(runner.isYieldCalled());
        assertTrue(runner.getLogger().getErrorMessages().stream().anyMatch(m -> List.of(m.getArgs()).contains(code)), "a bulletin names " + code);
    }

    @Test
    void anImageOverTwoMegabytesFailsBeforeAnyCall() {
        final byte[] large = TestImages.noisePng(860, 860, 3);
        assertTrue(large.length >= 2 * 1024 * 1024, large.length + " bytes");
        runner.enqueue(large);
        runner.run();

        final MockFlowFile out = onlyFlowFile(SignAndRecognizeIdCard.REL_FAILURE);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Local.ImageTooLarge");
        out.assertAttributeEquals(IdCardAttributes.PROVIDER, "wechat");
        assertEquals(0, server.requestCount(), "not even a token");
    }

    /**
     * Every path that logs or writes attributes, with answers that echo the access token and the App Secret (the worst
     * a misbehaving gateway or errmsg could do): no secret, token or full ID number surfaces anywhere.
     */
    @Test
    void noSecretTokenOrFullIdNumberSurfaces() throws Exception {
        final TestRunner quiet = WeChatRecognizerRunner.create(server, Map.of());
        final Set<String> tokens = new java.util.concurrent.ConcurrentSkipListSet<>();
        server.setFallback(call -> {
            tokens.add(call.accessToken());
            return ok(frontCard());
        });
        server.then(call -> {
            tokens.add(call.accessToken());
            return ok(error(101002, "decode image failed for " + ID_NUMBER + " with access_token=" + call.accessToken()));
        }).then(call -> {
            tokens.add(call.accessToken());
            return raw(502, "text/html", "<html>Bad Gateway for " + call.url() + "</html>");
        });
        for (int i = 0; i < 3; i++) {
            quiet.enqueue(IMAGE);
        }
        quiet.run(3);
        // a refused token is replaced (logged), then a token answer echoing the App Secret
        server.expireTokens();
        quiet.enqueue(IMAGE);
        quiet.run();
        server.expireTokens();
        server.thenToken(ok(error(-1, "system error while checking secret=" + WeChatTestServer.APP_SECRET)));
        quiet.enqueue(IMAGE);
        quiet.run();

        final List<ConfigVerificationResult> verifications = new ArrayList<>(quiet.verify(Map.of()));
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(quiet);
        quiet.disableControllerService(service);
        quiet.setProperty(service, WeChatIdCardOcrService.APP_SECRET, "wrongSecret0000SECRET");
        verifications.addAll(quiet.verify(service, Map.of()));

        final List<MockFlowFile> failures = quiet.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE);
        assertEquals(List.of("101002", "Transport.HTTP502", "-1"), failures.stream().map(f -> f.getAttribute(IdCardAttributes.ERROR_CODE)).toList());
        assertEquals(2, quiet.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS).size());
        assertTrue(failures.getFirst().getAttribute(IdCardAttributes.ERROR_MESSAGE).contains("access_token=[redacted]"),
                failures.getFirst().getAttribute(IdCardAttributes.ERROR_MESSAGE));
        assertTrue(failures.get(2).getAttribute(IdCardAttributes.ERROR_MESSAGE).contains("secret=[redacted]"),
                failures.get(2).getAttribute(IdCardAttributes.ERROR_MESSAGE));

        final String logs = LogText.of(quiet.getLogger()) + LogText.of(quiet.getControllerServiceLogger(WeChatRecognizerRunner.SERVICE_ID));
        // so that an empty capture cannot pass: every failure and the token refusal were logged
        for (final String expected : List.of("101002", "Transport.HTTP502", "WeChat refused the cached access token", "-1")) {
            assertTrue(logs.contains(expected), expected + " was logged: " + logs);
        }
        final String surfaced = logs + verifications
                + quiet.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE).stream().map(MockFlowFile::getAttributes).toList()
                + quiet.getProvenanceEvents().stream().map(e -> e.getTransitUri() + " " + e.getDetails()).toList();
        assertTrue(tokens.size() >= 3, "tokens seen: " + tokens.size());
        final List<String> secrets = new ArrayList<>(tokens);
        secrets.addAll(List.of(WeChatTestServer.APP_SECRET, "wrongSecret0000SECRET", ID_NUMBER, "access_token="));
        for (final String secret : secrets) {
            assertFalse(surfaced.replace("access_token=[redacted]", "").contains(secret), secret + " leaked into " + surfaced);
        }
    }

    private MockFlowFile runOne(final Relationship relationship) {
        runner.enqueue(IMAGE);
        runner.run();
        final MockFlowFile out = onlyFlowFile(relationship);
        runner.assertQueueEmpty();
        return out;
    }

    private MockFlowFile onlyFlowFile(final Relationship relationship) {
        for (final Relationship route : List.of(SignAndRecognizeIdCard.REL_SUCCESS, SignAndRecognizeIdCard.REL_WARNING, SignAndRecognizeIdCard.REL_FAILURE)) {
            runner.assertTransferCount(route, route.equals(relationship) ? 1 : 0);
        }
        return runner.getFlowFilesForRelationship(relationship).getFirst();
    }
}

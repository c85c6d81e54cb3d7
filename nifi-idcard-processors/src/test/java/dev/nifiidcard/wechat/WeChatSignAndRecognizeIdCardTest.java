package dev.nifiidcard.wechat;

import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.testing.LogText;
import dev.nifiidcard.testing.RelationshipRetry;
import dev.nifiidcard.testing.TestImages;
import dev.nifiidcard.testing.WeChatRecognizerRunner;
import dev.nifiidcard.testing.WeChatTestServer;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
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

    /** A busy WeChat: one call, then the FlowFile goes to retry, penalized, with WeChat's code; the processor does not yield. */
    @Test
    void aBusyWeChatGoesToRetryPenalizedAfterOneCall() throws Exception {
        server.setFallback(call -> ok(error(-1, "system error")));

        final MockFlowFile out = runOne(SignAndRecognizeIdCard.REL_RETRY);
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "-1");
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
        out.assertAttributeEquals(IdCardAttributes.PROVIDER, "wechat");
        assertTrue(out.isPenalized());
        assertFalse(runner.isYieldCalled());
        out.assertContentEquals(IMAGE);
        assertEquals(1, server.calls().size(), "one call per trigger");
    }

    /** Busy, then throttled, then recognized on NiFi's relationship retry: one call per attempt, all with the one token. */
    @Test
    void aBusyWeChatIsRecognizedOnTheRetryRelationship() {
        server.then(ok(error(-1, "system error"))).then(ok(error(45011, "api minute-quota reach limit")));

        runner.enqueue(IMAGE);
        RelationshipRetry.run(runner, 3);
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS).getFirst();
        out.assertAttributeEquals(IdCardAttributes.NUMBER, ID_NUMBER);
        out.assertAttributeNotExists(IdCardAttributes.ERROR_CODE);
        assertEquals(3, server.calls().size());
        server.calls().forEach(call -> assertArrayEquals(IMAGE, call.image()));
        assertEquals(1, server.tokensIssued());
    }

    /**
     * A busy token endpoint: the FlowFile goes to retry without any recognition (the image never left), and its retry
     * fetches a token and is recognized.
     */
    @Test
    void aBusyTokenEndpointGoesToRetryAndTheRetryRecognizes() {
        server.thenToken(ok(error(-1, "system error")));

        runner.enqueue(IMAGE);
        runner.run();
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_RETRY, 1);
        final MockFlowFile retried = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_RETRY).getFirst();
        retried.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "-1");
        retried.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
        assertTrue(retried.isPenalized());
        assertEquals(1, server.tokenCalls().size());
        assertTrue(server.calls().isEmpty(), "the image never left");
        assertTrue(runner.getProvenanceEvents().stream().noneMatch(event -> event.getEventType() == ProvenanceEventType.SEND),
                "no SEND: only a token was asked for");
        retried.assertAttributeNotExists(IdCardAttributes.REQUEST_ID);

        // NiFi's relationship retry puts it back on the queue, as it came in
        runner.clearTransferState();
        runner.enqueue(retried.toByteArray());
        runner.run();
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
        assertEquals(2, server.tokenCalls().size());
        assertEquals(1, server.calls().size());
    }

    /**
     * The whole image went out and the answer was lost: WeChat may have counted it. By default the FlowFile goes to
     * failure, unpenalized and marked retryable for the flow to decide, and is not sent again.
     */
    @Test
    void anAnswerLostGoesToFailureByDefault() {
        server.then(lostAnswer());

        runner.enqueue(IMAGE);
        RelationshipRetry.run(runner, 3);
        final MockFlowFile out = onlyFlowFile(SignAndRecognizeIdCard.REL_FAILURE);
        assertTrue(out.getAttribute(IdCardAttributes.ERROR_CODE).startsWith("Transport."), out.getAttribute(IdCardAttributes.ERROR_CODE));
        out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
        assertFalse(out.isPenalized());
        assertEquals(1, server.calls().size(), "not sent again");
        assertArrayEquals(IMAGE, server.calls().getFirst().image(), "it had been sent whole");
        assertEquals(1, runner.getProvenanceEvents().stream().filter(event -> event.getEventType() == ProvenanceEventType.SEND).count(),
                "the image left the system: a SEND is in its lineage");
    }

    /** With Retry After Answer Lost, a lost answer goes to retry, and the retry sends the image again and is recognized. */
    @Test
    void anAnswerLostGoesToRetryWhenAllowed() {
        runner.setProperty(SignAndRecognizeIdCard.RETRY_AFTER_ANSWER_LOST, "true");
        server.then(lostAnswer());

        runner.enqueue(IMAGE);
        runner.run();
        final MockFlowFile lost = onlyFlowFile(SignAndRecognizeIdCard.REL_RETRY);
        lost.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "true");
        assertTrue(lost.isPenalized());
        assertEquals(1, server.calls().size());

        // NiFi's relationship retry puts it back on the queue, as it came in
        runner.clearTransferState();
        runner.enqueue(lost.toByteArray());
        runner.run();
        onlyFlowFile(SignAndRecognizeIdCard.REL_SUCCESS).assertAttributeEquals(IdCardAttributes.NUMBER, ID_NUMBER);
        assertEquals(2, server.calls().size());
        server.calls().forEach(call -> assertArrayEquals(IMAGE, call.image(), "sent whole each time"));
    }

    private static MockResponse lostAnswer() {
        return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
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

        final List<MockFlowFile> failures = new ArrayList<>(quiet.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE));
        assertEquals(List.of("101002"), failures.stream().map(f -> f.getAttribute(IdCardAttributes.ERROR_CODE)).toList());
        final List<MockFlowFile> retries = quiet.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_RETRY);
        assertEquals(List.of("Transport.HTTP502", "-1"), retries.stream().map(f -> f.getAttribute(IdCardAttributes.ERROR_CODE)).toList());
        assertEquals(2, quiet.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS).size());
        assertTrue(failures.getFirst().getAttribute(IdCardAttributes.ERROR_MESSAGE).contains("access_token=[redacted]"),
                failures.getFirst().getAttribute(IdCardAttributes.ERROR_MESSAGE));
        assertTrue(retries.get(1).getAttribute(IdCardAttributes.ERROR_MESSAGE).contains("secret=[redacted]"),
                retries.get(1).getAttribute(IdCardAttributes.ERROR_MESSAGE));
        failures.addAll(retries);

        final String logs = LogText.of(quiet.getLogger()) + LogText.of(quiet.getControllerServiceLogger(WeChatRecognizerRunner.SERVICE_ID));
        // so that an empty capture cannot pass: every failure and the token refusal were logged
        for (final String expected : List.of("101002", "Transport.HTTP502", "WeChat refused the cached access token", "-1")) {
            assertTrue(logs.contains(expected), expected + " was logged: " + logs);
        }
        final String surfaced = logs + verifications
                + failures.stream().map(MockFlowFile::getAttributes).toList()
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
        for (final Relationship route : List.of(SignAndRecognizeIdCard.REL_SUCCESS, SignAndRecognizeIdCard.REL_WARNING, SignAndRecognizeIdCard.REL_FAILURE,
                SignAndRecognizeIdCard.REL_RETRY)) {
            runner.assertTransferCount(route, route.equals(relationship) ? 1 : 0);
        }
        return runner.getFlowFilesForRelationship(relationship).getFirst();
    }
}

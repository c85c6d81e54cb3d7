package dev.nifiidcard.wechat;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.ocr.IdCardOcrException.Category;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.provider.TokenCache;
import dev.nifiidcard.testing.WeChatTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeChatAnswerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");

    @Test
    void frontSideWithTheDocumentedStringErrcode() throws Exception {
        final String body = WeChatTestServer.frontCard().toString();
        assertTrue(body.contains("\"errcode\":\"0\""), body);

        final IdCardRecognition recognition = WeChatAnswer.recognition(200, body);
        assertEquals(CardSide.FRONT, recognition.side());
        final IdCardFields fields = recognition.fields();
        assertEquals("李明", fields.name());
        assertEquals("男", fields.sex());
        assertEquals("汉", fields.nation());
        assertEquals("440524198701010014", fields.number());
        assertEquals("广东省广州市", fields.address());
        assertNull(fields.birth(), "WeChat returns no birth date and none is derived");
        assertNull(fields.authority());
        assertNull(fields.validFrom());
        assertTrue(recognition.warnings().isEmpty());
        assertNull(recognition.quality());
        assertNull(recognition.croppedCard());
        assertTrue(recognition.details().isEmpty());
    }

    @Test
    void backSideWithTheDocumentedValidity() throws Exception {
        final IdCardRecognition recognition = WeChatAnswer.recognition(200, WeChatTestServer.backCard("20070105-20270105").toString());
        assertEquals(CardSide.BACK, recognition.side());
        assertEquals("2007-01-05", recognition.fields().validFrom());
        assertEquals("2027-01-05", recognition.fields().validUntil());
        assertNull(recognition.fields().name());
    }

    @Test
    void longTermValidity() throws Exception {
        final IdCardRecognition recognition = WeChatAnswer.recognition(200, WeChatTestServer.backCard("20190128-长期").toString());
        assertEquals("2019-01-28", recognition.fields().validFrom());
        assertEquals(IdCardFields.LONG_TERM, recognition.fields().validUntil());
    }

    @Test
    void withoutATypeTheSideFollowsTheFields() throws Exception {
        assertEquals(CardSide.FRONT, WeChatAnswer.recognition(200, "{\"errcode\":0,\"name\":\"李明\"}").side());
        assertEquals(CardSide.BACK, WeChatAnswer.recognition(200, "{\"errcode\":0,\"type\":\"Other\",\"valid_date\":\"20070105-20270105\"}").side());
        assertEquals(CardSide.FRONT, WeChatAnswer.recognition(200, "{\"type\":\"front\",\"name\":\"李明\"}").side(),
                "an answer without errcode but with a type is a card");
    }

    @ParameterizedTest
    @CsvSource({
            "-1, PROVIDER_ERROR, true",
            "40001, CREDENTIALS, false",
            "40014, CREDENTIALS, false",
            "42001, CREDENTIALS, false",
            "45009, ACCOUNT, false",
            "45011, THROTTLED, true",
            "48001, ACCOUNT, false",
            "101000, REJECTED, false",
            "101001, REJECTED, false",
            "101002, REJECTED, false",
            "101003, ACCOUNT, false",
            "47003, PROVIDER_ERROR, false",
            "999999, PROVIDER_ERROR, false"
    })
    void eachErrcodeHasItsCategory(final int errcode, final Category category, final boolean retryable) {
        final IdCardOcrException e = assertThrows(IdCardOcrException.class,
                () -> WeChatAnswer.recognition(200, WeChatTestServer.error(errcode, "some errmsg").toString()));
        assertEquals(Integer.toString(errcode), e.getCode());
        assertEquals(category, e.getCategory());
        assertEquals(retryable, e.isRetryable());
        assertFalse(e.isAnswerLost());
        assertTrue(e.getMessage().contains("some errmsg"), e.getMessage());
    }

    @Test
    void quotaRefusalsSayWhichQuotaIsUsedUp() {
        final IdCardOcrException daily = assertThrows(IdCardOcrException.class,
                () -> WeChatAnswer.recognition(200, "{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}"));
        assertTrue(daily.getMessage().startsWith("The account's daily API quota is used up"), daily.getMessage());
        final IdCardOcrException market = assertThrows(IdCardOcrException.class,
                () -> WeChatAnswer.recognition(200, "{\"errcode\":101003,\"errmsg\":\"not enough market quota\"}"));
        assertTrue(market.getMessage().startsWith("The OCR quota bought on the WeChat service market is used up"), market.getMessage());
        assertTrue(market.getMessage().endsWith("(WeChat: not enough market quota)"), market.getMessage());
    }

    @Test
    void errmsgIsMaskedAndItsRidBecomesTheRequestId() {
        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> WeChatAnswer.recognition(200,
                "{\"errcode\":\"101001\",\"errmsg\":\"certificate not found for 440524198701010014 rid: 5f38a263-3d4c3ccd-01e705f7\"}"));
        assertEquals("101001", e.getCode(), "a string errcode is read like a number");
        assertEquals("No ID card found in the image (WeChat: certificate not found for 440524********0014 rid: 5f38a263-3d4c3ccd-01e705f7)",
                e.getMessage());
        assertEquals("5f38a263-3d4c3ccd-01e705f7", e.getRequestId());
    }

    @Test
    void olderHintsAreRequestIdsToo() {
        assertEquals("TKNa1CPce-8MnYoA!", WeChatAnswer.requestId(
                "invalid credential, access_token is invalid or not latest hints: [TKNa1CPce-8MnYoA!]"));
        assertNull(WeChatAnswer.requestId("system error"));
        assertNull(WeChatAnswer.requestId(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>ok</html>", "[1,2]", "{\"errmsg\":\"ok\"}", "{\"errcode\":\"abc\"}", ""})
    void a200ThatIsNotAnAnswerIsAnAnswerLost(final String body) {
        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> WeChatAnswer.recognition(200, body));
        assertEquals("Transport.MalformedResponse", e.getCode());
        assertTrue(e.isAnswerLost(), "WeChat may have recognized and billed the image");
    }

    @Test
    void httpErrorsWithoutAnAnswerAreTransportFailures() {
        final IdCardOcrException gateway = assertThrows(IdCardOcrException.class,
                () -> WeChatAnswer.recognition(502, "<html>Bad Gateway</html>"));
        assertEquals("Transport.HTTP502", gateway.getCode());
        assertTrue(gateway.isRetryable());
        final IdCardOcrException notFound = assertThrows(IdCardOcrException.class,
                () -> WeChatAnswer.recognition(404, "{\"errcode\":0,\"type\":\"Front\"}"));
        assertEquals("Transport.HTTP404", notFound.getCode());
        final IdCardOcrException busy = assertThrows(IdCardOcrException.class,
                () -> WeChatAnswer.recognition(503, "{\"errcode\":-1,\"errmsg\":\"system error\"}"));
        assertEquals("-1", busy.getCode(), "an errcode is WeChat's answer whatever the status");
    }

    @Test
    void tokenAnswer() throws Exception {
        final TokenCache.Expiring<String> token = WeChatAnswer.accessToken(200, "{\"access_token\":\"ACCESS_TOKEN\",\"expires_in\":7000}", NOW);
        assertEquals("ACCESS_TOKEN", token.value());
        assertEquals(NOW.plusSeconds(7000), token.expiresAt());
        assertEquals(NOW.plusSeconds(7200), WeChatAnswer.accessToken(200, "{\"access_token\":\"T\"}", NOW).expiresAt(),
                "without expires_in, WeChat's documented 7200 s");
        assertEquals("T", WeChatAnswer.accessToken(200, "{\"errcode\":0,\"access_token\":\"T\"}", NOW).value());
    }

    @ParameterizedTest
    @CsvSource({
            "40001, CREDENTIALS, false",
            "40013, CREDENTIALS, false",
            "40125, CREDENTIALS, false",
            "40164, CREDENTIALS, false",
            "-1, PROVIDER_ERROR, true",
            "45009, ACCOUNT, false"
    })
    void tokenRefusals(final int errcode, final Category category, final boolean retryable) {
        final IdCardOcrException e = assertThrows(IdCardOcrException.class,
                () -> WeChatAnswer.accessToken(200, WeChatTestServer.error(errcode, "refused").toString(), NOW));
        assertEquals(Integer.toString(errcode), e.getCode());
        assertEquals(category, e.getCategory());
        assertEquals(retryable, e.isRetryable());
        assertTrue(e.getRequestId() != null && e.getRequestId().matches("[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}"), e.getRequestId());
    }

    @Test
    void whitelistRefusalSaysSo() {
        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> WeChatAnswer.accessToken(200,
                "{\"errcode\":40164,\"errmsg\":\"invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 0a1b2c3d-0a1b2c3d-0a1b2c3d\"}", NOW));
        assertTrue(e.getMessage().startsWith("The IP address of this NiFi node is not in the account's IP whitelist"), e.getMessage());
        assertTrue(e.getMessage().contains("203.0.113.7"), "WeChat's errmsg names the address to whitelist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"expires_in\":7200}", "{\"errcode\":\"x\"}"})
    void aTokenAnswerThatIsNotOneIsRetryableButNoAnswerLost(final String body) {
        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> WeChatAnswer.accessToken(200, body, NOW));
        assertEquals("Transport.MalformedResponse", e.getCode());
        assertTrue(e.isRetryable());
        assertFalse(e.isAnswerLost(), "a token request bills nothing");
    }
}

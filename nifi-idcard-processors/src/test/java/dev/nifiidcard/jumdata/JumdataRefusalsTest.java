package dev.nifiidcard.jumdata;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardOcrException.Category;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.testing.JumdataRunner;
import dev.nifiidcard.testing.JumdataTestServer;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.nifiidcard.testing.JumdataTestServer.error;
import static dev.nifiidcard.testing.JumdataTestServer.frontCard;
import static dev.nifiidcard.testing.JumdataTestServer.json;
import static dev.nifiidcard.testing.JumdataTestServer.ok;
import static dev.nifiidcard.testing.JumdataTestServer.raw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jumdata's refusals and unusable answers: their categories, what they carry, and how many requests they cost. */
class JumdataRefusalsTest extends JumdataServiceTest {

    // ---- refusals ----

    /** Every documented code and its category: one request whatever the code, retryable or not. */
    @ParameterizedTest
    @CsvSource({
            "301, REJECTED, false",
            "400, REJECTED, false",
            "404, PROVIDER_ERROR, false",
            "500, PROVIDER_ERROR, true",
            "601, ACCOUNT, false",
            "602, ACCOUNT, false",
            "603, ACCOUNT, false",
            "604, ACCOUNT, false",
            "606, THROTTLED, true",
            "607, CREDENTIALS, false",
            "609, THROTTLED, true",
            "610, PROVIDER_ERROR, true",
            "999, PROVIDER_ERROR, false",
            "777, PROVIDER_ERROR, false"
    })
    void eachCodeHasItsCategory(final int code, final Category category, final boolean retryable) {
        server.setFallback(call -> json(error(code, "身份证号 440524198701010014 答复 " + code, "7700" + code)));
        final TestRunner runner = JumdataRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
        assertEquals(Integer.toString(code), e.getCode());
        assertEquals(category, e.getCategory());
        assertEquals(retryable, e.isRetryable());
        assertEquals("身份证号 440524********0014 答复 " + code, e.getMessage(), "ID numbers masked");
        assertEquals("7700" + code, e.getRequestId());
        assertEquals(1, server.requestCount(), "one attempt: the processor routes what is retryable to retry");
        assertNull(server.calls().getFirst().refusal(), "the request carried a valid sign");
    }

    /**
     * Throttled twice (609, then 606): each attempt is one request and a retryable THROTTLED failure; the caller's
     * attempts are each signed anew with their own time and stream the image again, and the third is recognized.
     */
    @Test
    void eachAttemptAfterThrottlingIsOneRequestWithAFreshSign() throws Exception {
        server.then(json(error(609, "请求过于频繁,请稍候再试"))).then(json(error(606, "调用超限,请稍候再试"))).then(ok(frontCard()));
        final TestRunner runner = JumdataRunner.create(server, Map.of());
        final JumdataIdCardOcrService service = JumdataRunner.service(runner);
        final Instant start = Instant.now();

        for (int attempt = 1; attempt <= 2; attempt++) {
            service.setClock(Clock.fixed(start.plusSeconds(attempt), ZoneOffset.UTC));
            final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
            assertEquals(Category.THROTTLED, e.getCategory(), e.getCode());
            assertTrue(e.isRetryable());
            assertEquals(attempt, server.requestCount(), "one request per attempt");
        }
        service.setClock(Clock.fixed(start.plusSeconds(3), ZoneOffset.UTC));
        assertEquals(CardSide.FRONT, recognize(runner, JPEG, AUTO).side());

        final List<JumdataTestServer.Call> calls = server.calls();
        assertEquals(3, calls.size());
        for (int i = 0; i < calls.size(); i++) {
            final JumdataTestServer.Call call = calls.get(i);
            assertNull(call.refusal());
            assertEquals(Long.toString(start.plusSeconds(i + 1).toEpochMilli()), call.field("timestamp"), "signed at its own attempt");
            assertArrayEquals(JPEG, call.image(), "the image is streamed again for each attempt");
        }
        assertEquals(3, calls.stream().map(call -> call.field("sign")).distinct().count(), "a fresh sign for each attempt");
    }

    @Test
    void aWrongSecretIsACredentialsFailureAndNotRetried() {
        final TestRunner runner = JumdataRunner.create(server, Map.of(JumdataIdCardOcrService.APP_SECRET, "wrongSecret0000SECRET"));

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
        assertEquals("400", e.getCode());
        assertEquals(Category.CREDENTIALS, e.getCategory(), e.getMessage());
        assertFalse(e.isRetryable());
        assertEquals(1, server.requestCount());
        assertFalse(e.getMessage().contains("wrongSecret0000SECRET"));
        assertFalse(e.getMessage().contains(server.calls().getFirst().field("sign")));
    }

    @Test
    void aWrongAppIdIsACredentialsFailure() {
        final TestRunner runner = JumdataRunner.create(server, Map.of(JumdataIdCardOcrService.APP_ID, "someoneElsesApp"));

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
        assertEquals(Category.CREDENTIALS, e.getCategory());
        assertEquals("appId不存在", server.calls().getFirst().refusal().message());
    }

    @Test
    void aHostClockOffByMoreThanFiveMinutesIsACredentialsFailure() {
        final TestRunner runner = JumdataRunner.create(server);
        JumdataRunner.service(runner).setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
        assertEquals(Category.CREDENTIALS, e.getCategory());
        assertTrue(e.getMessage().contains("timestamp"), e.getMessage());
    }

    @Test
    void aSignQuotedInARefusalIsMasked() {
        server.setFallback(call -> json(error(400, "sign " + call.field("sign") + " 不正确")));
        final TestRunner runner = JumdataRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
        assertEquals("sign [redacted] 不正确", e.getMessage());
        assertEquals(Category.CREDENTIALS, e.getCategory());
    }

    @Test
    void aParameterErrorThatIsNotAboutCredentialsIsARejection() {
        server.setFallback(call -> json(error(400, "照片格式不正确")));
        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(JumdataRunner.create(server), JPEG, AUTO));
        assertEquals(Category.REJECTED, e.getCategory());
    }

    @Test
    void aPageThatIsNotJumdatasAnswerIsAnAnswerLost() {
        server.setFallback(call -> raw(200, "text/html", "<html><body>portal login</body></html>"));
        final TestRunner runner = JumdataRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
        assertEquals("Transport.MalformedResponse", e.getCode());
        assertTrue(e.isAnswerLost());
        assertTrue(e.isRetryable(), "the flow may send it again: the processor does only with Retry After Answer Lost");
        assertEquals(1, server.requestCount(), "maybe billed: sent once");
    }

    @Test
    void aSuccessWithoutDataIsAnAnswerLost() {
        server.setFallback(call -> json(error(200, "成功")));
        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(JumdataRunner.create(server), JPEG, AUTO));
        assertEquals("Transport.MalformedResponse", e.getCode());
    }

    /** A gateway page is one request and a retryable Transport failure; the next attempt is recognized. */
    @Test
    void aGatewayErrorIsOneRequestAndTheNextAttemptIsRecognized() throws Exception {
        server.then(raw(502, "text/html", "<html>Bad Gateway</html>")).then(ok(frontCard()));
        final TestRunner runner = JumdataRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, JPEG, AUTO));
        assertEquals("Transport.HTTP502", e.getCode());
        assertEquals(Category.TRANSPORT, e.getCategory());
        assertTrue(e.isRetryable());
        assertFalse(e.isAnswerLost(), "the gateway answered");
        assertEquals(1, server.requestCount());

        assertEquals(CardSide.FRONT, recognize(runner, JPEG, AUTO).side());
        assertEquals(2, server.requestCount());
    }
}

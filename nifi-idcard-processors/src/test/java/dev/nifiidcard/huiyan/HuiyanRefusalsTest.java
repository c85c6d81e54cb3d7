package dev.nifiidcard.huiyan;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardOcrException.Category;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.RecognitionDetail;
import dev.nifiidcard.testing.HuiyanRecognizerRunner;
import dev.nifiidcard.testing.HuiyanTestServer;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.nifiidcard.testing.HuiyanTestServer.error;
import static dev.nifiidcard.testing.HuiyanTestServer.errorWithoutBizSeqNo;
import static dev.nifiidcard.testing.HuiyanTestServer.frontCard;
import static dev.nifiidcard.testing.HuiyanTestServer.ok;
import static dev.nifiidcard.testing.HuiyanTestServer.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Huiyan's refusals and unusable answers: their categories, what they carry, and how many calls they cost. */
class HuiyanRefusalsTest extends HuiyanServiceTest {

    /** Each kind of refusal and its category: one call whatever it is, retryable or not. */
    @ParameterizedTest
    @CsvSource({
            "图片中未检测到身份证, REJECTED, false",
            "账户余额不足, ACCOUNT, false",
            "an answer nobody documented, PROVIDER_ERROR, false",
            "请求频率过高, THROTTLED, true",
            "系统繁忙, PROVIDER_ERROR, true"
    })
    void eachKindOfRefusalHasItsCategory(final String message, final Category category, final boolean retryable) {
        server.setFallback(call -> error("123456", message));
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertEquals("123456", e.getCode());
        assertEquals(message, e.getMessage());
        assertEquals(category, e.getCategory());
        assertEquals(retryable, e.isRetryable());
        assertFalse(e.isAnswerLost());
        assertTrue(BIZ_SEQ_NO.matcher(e.getRequestId()).matches(), e.getRequestId());
        assertEquals(1, server.calls().size(), "one call: the processor routes what is retryable to retry");
        assertNull(server.calls().getFirst().refusal(), "signed right");
    }

    /**
     * Throttled twice: each attempt is one call and a retryable THROTTLED failure, each with a new order number and
     * signed with the ticket already held; the third attempt is recognized.
     */
    @Test
    void eachAttemptAfterThrottlingIsOneCallWithANewOrderNumber() throws Exception {
        server.then(error("123456", "请求频率过高")).then(error("123456", "请求频率过高"));
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of());

        for (int attempt = 1; attempt <= 2; attempt++) {
            final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
            assertEquals(Category.THROTTLED, e.getCategory());
            assertTrue(e.isRetryable());
            assertEquals(attempt, server.calls().size(), "one call per attempt");
        }
        final IdCardRecognition recognition = recognize(runner, IMAGE, AUTO);
        final List<HuiyanTestServer.Call> calls = server.calls();
        assertEquals(3, calls.size());
        assertEquals(3, calls.stream().map(HuiyanTestServer.Call::orderNo).distinct().count(), "a new order number for each attempt");
        assertTrue(calls.stream().allMatch(c -> c.refusal() == null), "each signed right");
        assertEquals(calls.get(2).orderNo(), recognition.details().get(RecognitionDetail.ORDER_NUMBER));
        assertEquals(1, server.ticketFetches(), "throttling says nothing about the ticket");
        assertEquals(1, server.tokenFetches());
    }

    @Test
    void refusalsMaskIdNumbersAndCarryTheOrderNumberWithoutBizSeqNo() {
        server.setFallback(call -> errorWithoutBizSeqNo("654321", "身份证号 440524198701010014 不合法"));
        final TestRunner runner = HuiyanRecognizerRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertEquals("身份证号 440524********0014 不合法", e.getMessage());
        assertEquals(server.calls().getFirst().orderNo(), e.getRequestId());
    }

    @Test
    void anAnswerThatIsNotHuiyansIsAnAnswerLostAndNotSentAgain() {
        server.then(raw(200, "text/html", "<html>proxy page</html>"));
        final TestRunner runner = HuiyanRecognizerRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertEquals("Transport.MalformedResponse", e.getCode());
        assertTrue(e.isAnswerLost());
        assertEquals(1, server.calls().size());
    }

    @Test
    void anAnswerForAnotherOrderIsNotTaken() {
        server.then(call -> ok(call, frontCard().put("orderNo", "someoneElsesOrder")));
        final TestRunner runner = HuiyanRecognizerRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertEquals("Transport.MalformedResponse", e.getCode());
        assertTrue(e.getMessage().contains("another order number"), e.getMessage());
    }

    @Test
    void aGatewayErrorIsOneCallAndTheNextAttemptIsRecognized() throws Exception {
        server.then(raw(502, "text/html", "<html>Bad Gateway</html>"));
        final TestRunner runner = HuiyanRecognizerRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE, AUTO));
        assertEquals("Transport.HTTP502", e.getCode());
        assertTrue(e.isRetryable());
        assertFalse(e.isAnswerLost(), "the gateway answered");
        assertEquals(1, server.calls().size());

        assertEquals(CardSide.FRONT, recognize(runner, IMAGE, AUTO).side());
        assertEquals(2, server.calls().size());
    }
}

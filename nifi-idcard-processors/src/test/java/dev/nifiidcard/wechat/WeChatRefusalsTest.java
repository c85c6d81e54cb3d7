package dev.nifiidcard.wechat;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardOcrException.Category;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.testing.WeChatRecognizerRunner;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static dev.nifiidcard.testing.WeChatTestServer.error;
import static dev.nifiidcard.testing.WeChatTestServer.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WeChat's refusals and lost answers: their categories, what they carry, and how many calls they cost. */
class WeChatRefusalsTest extends WeChatServiceTest {

    /**
     * Busy (-1) or throttling (45011): each attempt is one call and a retryable failure, nothing retried within the
     * call; the next attempt, with the same token, is recognized.
     */
    @ParameterizedTest
    @CsvSource({"-1, PROVIDER_ERROR", "45011, THROTTLED"})
    void aBusyOrThrottlingWeChatIsOneCallPerAttempt(final int errcode, final Category category) throws Exception {
        server.then(ok(error(errcode, "busy"))).then(ok(error(errcode, "busy")));
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of());

        for (int attempt = 1; attempt <= 2; attempt++) {
            final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE));
            assertEquals(Integer.toString(errcode), e.getCode());
            assertEquals(category, e.getCategory());
            assertTrue(e.isRetryable());
            assertFalse(e.isAnswerLost());
            assertEquals(attempt, server.calls().size(), "one call per attempt");
        }
        assertEquals(CardSide.FRONT, recognize(runner, IMAGE).side());
        assertEquals(3, server.calls().size());
        assertTrue(server.calls().stream().allMatch(call -> call.refusal() == null));
        server.calls().forEach(call -> assertArrayEquals(IMAGE, call.image(), "the image is sent whole each attempt"));
        assertEquals(1, server.tokensIssued(), "a busy WeChat says nothing about the token");
    }

    @ParameterizedTest
    @CsvSource({
            "45009, ACCOUNT, The account's daily API quota is used up",
            "101003, ACCOUNT, The OCR quota bought on the WeChat service market is used up",
            "48001, ACCOUNT, The account is not authorized",
            "101000, REJECTED, WeChat could not use the image",
            "101001, REJECTED, No ID card found in the image",
            "101002, REJECTED, WeChat could not decode the image",
            "47003, PROVIDER_ERROR, argument invalid"
    })
    void finalRefusalsAreNotRetried(final int errcode, final Category category, final String message) {
        server.setFallback(call -> ok(error(errcode, "argument invalid")));
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE));
        assertEquals(Integer.toString(errcode), e.getCode());
        assertEquals(category, e.getCategory());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertTrue(e.getRequestId().matches("[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}"), "the rid of the errmsg: " + e.getRequestId());
        assertEquals(1, server.calls().size());
    }

    @Test
    void errorsMaskIdNumbers() {
        server.setFallback(call -> ok(error(101001, "certificate not found, id 440524198701010014")));
        final TestRunner runner = WeChatRecognizerRunner.create(server);

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE));
        assertTrue(e.getMessage().contains("id 440524********0014"), e.getMessage());
        assertFalse(e.getMessage().contains("440524198701010014"));
    }

    /**
     * The whole image went out but the answer was lost: WeChat may have counted it. One call, reported as an answer
     * lost, so that the processor sends it again only with Retry After Answer Lost.
     */
    @Test
    void anAnswerLostAfterTheImageWasSentIsOneCallReportedAsAnswerLost() {
        server.setFallback(call -> new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> recognize(runner, IMAGE));
        assertTrue(e.getCode().startsWith("Transport."), e.getCode());
        assertTrue(e.isAnswerLost());
        assertTrue(e.isRetryable(), "the flow may decide to send it again");
        assertEquals(1, server.calls().size(), "sent once");
        assertArrayEquals(IMAGE, server.calls().getFirst().image(), "it had been sent whole");
    }
}

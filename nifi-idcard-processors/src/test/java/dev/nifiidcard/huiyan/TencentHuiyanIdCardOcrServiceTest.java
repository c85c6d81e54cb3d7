package dev.nifiidcard.huiyan;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.RecognitionDetail;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.ocr.ReportedWarning;
import dev.nifiidcard.testing.HuiyanRecognizerRunner;
import dev.nifiidcard.testing.HuiyanTestServer;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.nifiidcard.testing.HuiyanTestServer.backCard;
import static dev.nifiidcard.testing.HuiyanTestServer.frontCard;
import static dev.nifiidcard.testing.HuiyanTestServer.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a recognition sends, signed as Huiyan checks, and how its answer is normalized. */
class TencentHuiyanIdCardOcrServiceTest extends HuiyanServiceTest {

    @Test
    void frontSideIsSignedAsHuiyanChecksAndNormalized() throws Exception {
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of(TencentHuiyanIdCardOcrService.GET_NATIVE_PLACE, "true"));
        final IdCardRecognition recognition = recognize(runner, IMAGE, AUTO);

        final HuiyanTestServer.Call call = server.calls().getFirst();
        assertNull(call.refusal(), "the server recomputed the sign with the ticket it issued");
        assertEquals("application/json", call.contentType());
        assertEquals(HuiyanTestServer.APP_ID, call.field("appId"));
        assertEquals("1.0.0", call.field("version"));
        assertEquals("nifi", call.field("userId"));
        assertEquals("1", call.field("getNative"));
        assertTrue(call.field("sign").matches("[0-9A-F]{40}"), call.field("sign"));
        assertEquals(call.queryOrderNo(), call.orderNo());
        assertArrayEquals(IMAGE, call.image(), "the server received the image byte for byte");

        assertEquals(CardSide.FRONT, recognition.side(), "inferred from the fields");
        assertEquals(new IdCardFields("李明", "男", "汉", "1987-01-01", "440524198701010014", "北京市石景山区高新技术园腾讯大楼",
                null, null, null), recognition.fields());
        assertEquals(64, recognition.quality());
        assertEquals(List.of(), recognition.warnings());
        assertTrue(BIZ_SEQ_NO.matcher(recognition.requestId()).matches(), "the bizSeqNo: " + recognition.requestId());
        assertEquals(Map.of(RecognitionDetail.ORDER_NUMBER, call.orderNo(), RecognitionDetail.NATIVE_PLACE, "广东省汕头市潮阳县"),
                recognition.details());
        assertEquals(1, server.tokenFetches());
        assertEquals(1, server.ticketFetches());
    }

    @ParameterizedTest
    @CsvSource({
            "20190128-20390128, 2019-01-28, 2039-01-28",
            "20190128-长期, 2019-01-28, long-term"
    })
    void backSideValidityIsNormalized(final String validDate, final String from, final String until) throws Exception {
        server.then(call -> ok(call, backCard(validDate)));
        final TestRunner runner = HuiyanRecognizerRunner.create(server);

        final IdCardRecognition recognition = recognize(runner, IMAGE, AUTO);
        assertEquals(CardSide.BACK, recognition.side());
        assertEquals(new IdCardFields(null, null, null, null, null, null, "深圳市公安局南山分局", from, until), recognition.fields());
        assertEquals(72, recognition.quality());
        assertFalse(server.calls().getFirst().body().has("getNative"), "no native place unless asked for");
        assertEquals(Set.of(RecognitionDetail.ORDER_NUMBER), recognition.details().keySet());
    }

    @Test
    void theRequestedSideIsKept() throws Exception {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final IdCardRecognition recognition = recognize(runner, IMAGE,
                new RecognitionRequest(CardSide.BACK, EnumSet.noneOf(CardWarning.class), false, false, false));
        assertEquals(CardSide.BACK, recognition.side());
        assertNull(recognition.quality(), "no quality unless asked for");
    }

    @Test
    void everyCallHasItsOwnOrderNumberAndNonceWithOneTokenAndTicket() throws Exception {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final IdCardRecognition first = recognize(runner, IMAGE, AUTO);
        final IdCardRecognition second = recognize(runner, IMAGE, AUTO);

        final List<HuiyanTestServer.Call> calls = server.calls();
        assertNotEquals(calls.get(0).orderNo(), calls.get(1).orderNo());
        assertNotEquals(calls.get(0).field("nonce"), calls.get(1).field("nonce"));
        assertEquals(calls.get(0).orderNo(), first.details().get(RecognitionDetail.ORDER_NUMBER));
        assertEquals(calls.get(1).orderNo(), second.details().get(RecognitionDetail.ORDER_NUMBER));
        assertEquals(1, server.tokenFetches());
        assertEquals(1, server.ticketFetches());
    }

    @Test
    void warningsFromBothFieldsAreReportedWhenAskedForOrNotRequestable() throws Exception {
        server.then(call -> ok(call, frontCard().put("multiWarning", "-9102,-9105,-9103").put("warning", "00000001")));
        final TestRunner runner = HuiyanRecognizerRunner.create(server);

        final IdCardRecognition recognition = recognize(runner, IMAGE, AUTO);
        // PHOTOCOPY was asked for; OCCLUSION cannot be asked for; SCREEN_RESHOOT could have been, and was not
        assertEquals(List.of(new ReportedWarning(CardWarning.PHOTOCOPY, "-9102"), new ReportedWarning(CardWarning.OCCLUSION, "-9105"),
                new ReportedWarning(CardWarning.UNKNOWN, "00000001")), recognition.warnings());
    }

    @Test
    void aClarityOutsideZeroToHundredIsNoQuality() throws Exception {
        server.then(call -> ok(call, frontCard().put("clarity", "640")));
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        assertNull(recognize(runner, IMAGE, AUTO).quality());
    }
}

package dev.nifiidcard.huiyan;

import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardOcrException.Category;
import dev.nifiidcard.ocr.ReportedWarning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HuiyanCodesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "签名校验失败                      | CREDENTIALS    | false",
            "SIGN ticket 已过期                | CREDENTIALS    | false",
            "access_token 已失效               | CREDENTIALS    | false",
            "sign is invalid                   | CREDENTIALS    | false",
            "请求频率过高,请稍后再试            | THROTTLED      | true",
            "Too many requests                 | THROTTLED      | true",
            "账户余额不足                      | ACCOUNT        | false",
            "服务未开通                        | ACCOUNT        | false",
            "系统繁忙,请稍后重试                | PROVIDER_ERROR | true",
            "OCR 识别超时                      | PROVIDER_ERROR | true",
            "图片中未检测到身份证               | REJECTED       | false",
            "身份证识别失败                    | REJECTED       | false",
            "image is blurred                  | REJECTED       | false",
            "参数错误                          | PROVIDER_ERROR | false",
            "something nobody documented       | PROVIDER_ERROR | false",
    })
    void refusedRecognitionsAreJudgedByTheirMessage(final String message, final Category category, final boolean retryable) {
        assertEquals(new HuiyanCodes.Meaning(category, retryable), HuiyanCodes.ofRecognition(message));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "app_id 或 secret 不正确           | CREDENTIALS    | false",
            "参数错误                          | CREDENTIALS    | false",
            "请求频率过高                      | THROTTLED      | true",
            "系统繁忙                          | PROVIDER_ERROR | true",
            "账户已欠费                        | ACCOUNT        | false",
    })
    void refusedCredentialRequestsAreCredentialsFailuresUnlessPassing(final String message, final Category category,
                                                                      final boolean retryable) {
        assertEquals(new HuiyanCodes.Meaning(category, retryable), HuiyanCodes.ofCredentialRequest(message));
    }

    @Test
    void onlyAnInvalidOrExpiredCredentialIsStale() {
        assertTrue(HuiyanCodes.isStaleCredential("签名错误"));
        assertTrue(HuiyanCodes.isStaleCredential("Ticket expired"));
        assertFalse(HuiyanCodes.isStaleCredential("签名"), "a credential named without a problem");
        assertFalse(HuiyanCodes.isStaleCredential("身份证号不合法"), "a problem without a credential");
        assertFalse(HuiyanCodes.isStaleCredential(null));
    }

    @Test
    void allZerosOrNothingIsNoWarning() {
        assertEquals(List.of(), HuiyanCodes.warnings("00000000", "00000000"));
        assertEquals(List.of(), HuiyanCodes.warnings(null, "", " 0 "));
    }

    @Test
    void warningCodesAreFoundWhateverSeparatesThem() {
        assertEquals(List.of(new ReportedWarning(CardWarning.PHOTOCOPY, "-9102"), new ReportedWarning(CardWarning.REFLECTION, "-9107"),
                        new ReportedWarning(CardWarning.OCCLUSION, "-9105")),
                HuiyanCodes.warnings("-9102,-9107", "-9107|-9105"));
    }

    @ParameterizedTest
    @CsvSource({
            "-9100, INVALID_DATE",
            "-9101, BORDER_INCOMPLETE",
            "-9102, PHOTOCOPY",
            "-9103, SCREEN_RESHOOT",
            "-9104, TEMPORARY_ID",
            "-9105, OCCLUSION",
            "-9106, PS_EDITED",
            "-9107, REFLECTION",
            "-9108, BLACK_WHITE_COPY",
            "-9109, INVALID_DATE",
            "-9110, ELECTRONIC_ID",
            "-9111, WATERMARK",
            "-9199, UNKNOWN",
            "00000010, UNKNOWN",
            "abc, UNKNOWN"
    })
    void eachWarningCodeHasItsNeutralName(final String code, final CardWarning warning) {
        assertEquals(List.of(new ReportedWarning(warning, code)), HuiyanCodes.warnings(code));
    }
}

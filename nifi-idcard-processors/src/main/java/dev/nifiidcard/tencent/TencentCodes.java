package dev.nifiidcard.tencent;

import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardOcrException.Category;

import java.util.Map;
import java.util.Set;

/** What Tencent's error and warning codes mean to a flow: retry or not, credentials or image, which warning. */
final class TencentCodes {

    private static final Set<String> PROVIDER_ERRORS = Set.of(
            "InternalError",
            "ServiceUnavailable",
            "FailedOperation.EngineRecognizeTimeout"
    );

    private static final Set<String> ACCOUNT_ERRORS = Set.of(
            "FailedOperation.UnOpenError",
            "ResourcesSoldOut.ChargeStatusException"
    );

    /** The Config flag that asks for each requestable warning. */
    static final Map<CardWarning, String> WARNING_CONFIG_FLAGS = Map.of(
            CardWarning.PHOTOCOPY, "CopyWarn",
            CardWarning.BORDER_INCOMPLETE, "BorderCheckWarn",
            CardWarning.SCREEN_RESHOOT, "ReshootWarn",
            CardWarning.PS_EDITED, "DetectPsWarn",
            CardWarning.TEMPORARY_ID, "TempIdWarn",
            CardWarning.INVALID_DATE, "InvalidDateWarn",
            CardWarning.REFLECTION, "ReflectWarn"
    );

    private TencentCodes() {
    }

    static Category category(final String errorCode) {
        if (errorCode.startsWith("AuthFailure")) {
            return Category.CREDENTIALS;
        }
        if (ACCOUNT_ERRORS.contains(errorCode) || errorCode.startsWith("ResourceUnavailable") || errorCode.startsWith("UnauthorizedOperation")) {
            return Category.ACCOUNT;
        }
        if (errorCode.startsWith("RequestLimitExceeded")) {
            return Category.THROTTLED;
        }
        if (PROVIDER_ERRORS.contains(errorCode) || errorCode.startsWith("InternalError")) {
            return Category.PROVIDER_ERROR;
        }
        return Category.REJECTED;
    }

    static boolean isRetryable(final Category category) {
        return category == Category.THROTTLED || category == Category.PROVIDER_ERROR;
    }

    static CardWarning warning(final int code) {
        return TencentWarningCodes.warning(code);
    }
}

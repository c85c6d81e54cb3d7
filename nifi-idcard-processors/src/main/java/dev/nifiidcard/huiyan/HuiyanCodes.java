package dev.nifiidcard.huiyan;

import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardOcrException.Category;
import dev.nifiidcard.ocr.ReportedWarning;
import dev.nifiidcard.tencent.TencentWarningCodes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Huiyan's answers mean to a flow. Huiyan publishes no table of the codes {@code idcardocrapp} and the OAuth
 * endpoints answer with (only {@code "0"}, success), so a refusal is judged by the words of its {@code msg}, in this
 * order: a sign, ticket or token said to be invalid or expired (refresh the credential once), throttling, the account,
 * a passing outage, the image; anything else is a provider error that is not retried. The card warnings follow
 * Tencent OCR's -91xx family.
 */
final class HuiyanCodes {

    /** The {@code code} of every successful answer. */
    static final String SUCCESS = "0";

    /** What a refusal means: its category and whether the same image may succeed later. */
    record Meaning(Category category, boolean retryable) {
    }

    private static final List<String> CREDENTIAL_NAMES = List.of("sign", "签名", "ticket", "票据", "token", "令牌");
    private static final List<String> STALE_WORDS = List.of("invalid", "expire", "illegal", "incorrect", "wrong", "mismatch",
            "fail", "无效", "过期", "失效", "不合法", "非法", "错误", "不正确", "不一致", "不匹配", "校验失败", "验证失败");
    private static final List<String> THROTTLING_WORDS = List.of("频率", "频繁", "限流", "请求超限", "次数超限", "qps",
            "too many", "too frequent", "rate limit", "limit exceeded");
    private static final List<String> ACCOUNT_WORDS = List.of("欠费", "余额", "未开通", "没有开通", "资源包", "套餐", "已停用",
            "冻结", "arrears", "balance", "not activated", "not enabled");
    private static final List<String> OUTAGE_WORDS = List.of("系统繁忙", "服务繁忙", "系统异常", "服务异常", "系统错误", "内部错误",
            "超时", "服务不可用", "暂不可用", "稍后再试", "busy", "internal error", "timeout", "timed out", "unavailable");
    private static final List<String> IMAGE_WORDS = List.of("图片", "图像", "照片", "身份证", "证件", "识别失败", "未识别", "未检测",
            "模糊", "base64", "image", "photo", "picture", "card", "recogni", "blur");

    /** A warning code inside a warning string, whatever separates several: -9102,-9103 or -9102|-9103. */
    private static final Pattern WARNING_CODE = Pattern.compile("-9\\d{3}");
    private static final Pattern NO_WARNING = Pattern.compile("0*");

    private HuiyanCodes() {
    }

    /** Whether a refusal says the sign, the SIGN ticket or the access token is invalid or expired. */
    static boolean isStaleCredential(final String message) {
        final String text = lower(message);
        return containsAny(text, CREDENTIAL_NAMES) && containsAny(text, STALE_WORDS);
    }

    /** What a refused recognition means. */
    static Meaning ofRecognition(final String message) {
        final String text = lower(message);
        if (isStaleCredential(message)) {
            return new Meaning(Category.CREDENTIALS, false);
        }
        if (containsAny(text, THROTTLING_WORDS)) {
            return new Meaning(Category.THROTTLED, true);
        }
        if (containsAny(text, ACCOUNT_WORDS)) {
            return new Meaning(Category.ACCOUNT, false);
        }
        if (containsAny(text, OUTAGE_WORDS)) {
            return new Meaning(Category.PROVIDER_ERROR, true);
        }
        if (containsAny(text, IMAGE_WORDS)) {
            return new Meaning(Category.REJECTED, false);
        }
        return new Meaning(Category.PROVIDER_ERROR, false);
    }

    /**
     * What a refused access token or SIGN ticket request means: apart from throttling, outages and the account, a
     * refusal of the App ID, the Secret or the token is a credentials failure that every call would meet.
     */
    static Meaning ofCredentialRequest(final String message) {
        final Meaning meaning = ofRecognition(message);
        return switch (meaning.category()) {
            case THROTTLED, ACCOUNT -> meaning;
            case PROVIDER_ERROR -> meaning.retryable() ? meaning : new Meaning(Category.CREDENTIALS, false);
            default -> new Meaning(Category.CREDENTIALS, false);
        };
    }

    /**
     * The warnings of a recognized card: the -91xx codes found in {@code multiWarning} and {@code warning}; any other
     * value that is not all zeros is an {@link CardWarning#UNKNOWN} warning with the value as its code.
     */
    static List<ReportedWarning> warnings(final String... values) {
        final Set<String> codes = new LinkedHashSet<>();
        for (final String value : values) {
            final String trimmed = value == null ? "" : value.trim();
            if (NO_WARNING.matcher(trimmed).matches()) {
                continue;
            }
            final Matcher code = WARNING_CODE.matcher(trimmed);
            boolean found = false;
            while (code.find()) {
                codes.add(code.group());
                found = true;
            }
            if (!found) {
                codes.add(trimmed);
            }
        }
        final List<ReportedWarning> warnings = new ArrayList<>();
        codes.forEach(code -> warnings.add(new ReportedWarning(TencentWarningCodes.warning(code), code)));
        return warnings;
    }

    private static String lower(final String message) {
        return message == null ? "" : message.toLowerCase(Locale.ROOT);
    }

    private static boolean containsAny(final String text, final List<String> words) {
        return words.stream().anyMatch(text::contains);
    }
}

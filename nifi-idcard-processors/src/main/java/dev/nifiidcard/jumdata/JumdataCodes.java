package dev.nifiidcard.jumdata;

import dev.nifiidcard.ocr.IdCardOcrException.Category;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What Jumdata's business codes (the {@code code} of every answer) mean to a flow: retry or not, and whose fault. */
final class JumdataCodes {

    /** Recognized, and billed. */
    static final int SUCCESS = 200;
    /** Parameter error: also, by assumption, how a wrong sign, appId or timestamp is refused (the documentation is silent). */
    static final int PARAMETER_ERROR = 400;

    private static final Map<Integer, Category> CATEGORIES = Map.ofEntries(
            Map.entry(301, Category.REJECTED),          // recognition failed
            Map.entry(PARAMETER_ERROR, Category.REJECTED),
            Map.entry(404, Category.PROVIDER_ERROR),    // wrong API address: configuration, not an outage
            Map.entry(500, Category.PROVIDER_ERROR),    // maintenance, try again later
            Map.entry(601, Category.ACCOUNT),           // API not opened for the account
            Map.entry(602, Category.ACCOUNT),           // account disabled
            Map.entry(603, Category.ACCOUNT),           // balance insufficient
            Map.entry(604, Category.ACCOUNT),           // API disabled
            Map.entry(606, Category.THROTTLED),         // over the call limit
            Map.entry(607, Category.CREDENTIALS),       // caller's IP not on the whitelist
            Map.entry(609, Category.THROTTLED),         // too frequent
            Map.entry(610, Category.PROVIDER_ERROR)     // timeout on Jumdata's side
    );

    private static final Set<Integer> RETRYABLE = Set.of(500, 606, 609, 610);

    /** A parameter error that names the signature, the app id or the timestamp: every call would be refused alike. */
    private static final Pattern CREDENTIAL_MESSAGE = Pattern.compile("(?i)sign|app_?id|secret|timestamp|签名|时间戳|密钥");

    private JumdataCodes() {
    }

    /** 999 and every undocumented code are provider errors that a retry is not known to cure. */
    static Category category(final int code, final String message) {
        if (code == PARAMETER_ERROR && message != null && CREDENTIAL_MESSAGE.matcher(message).find()) {
            return Category.CREDENTIALS;
        }
        return CATEGORIES.getOrDefault(code, Category.PROVIDER_ERROR);
    }

    static boolean isRetryable(final int code) {
        return RETRYABLE.contains(code);
    }
}

package dev.nifiidcard.wechat;

import dev.nifiidcard.ocr.IdCardOcrException.Category;

import java.util.Map;
import java.util.Set;

/** What WeChat's {@code errcode} values mean to a flow: which kind of failure, whether to retry, what to tell the operator. */
final class WeChatCodes {

    static final int OK = 0;
    static final int SYSTEM_BUSY = -1;

    /** Refusals of the access token itself: a new token may be accepted. */
    private static final Set<Integer> STALE_TOKEN = Set.of(40001, 40014, 42001);

    private record Meaning(Category category, String explanation) {
    }

    private static final Map<Integer, Meaning> MEANINGS = Map.ofEntries(
            Map.entry(SYSTEM_BUSY, new Meaning(Category.PROVIDER_ERROR, "WeChat is busy (system error)")),
            Map.entry(40001, new Meaning(Category.CREDENTIALS,
                    "WeChat refused the credential: a wrong App Secret, or an access token that is no longer valid")),
            Map.entry(40013, new Meaning(Category.CREDENTIALS, "WeChat does not know the App ID")),
            Map.entry(40014, new Meaning(Category.CREDENTIALS, "WeChat refused the access token as invalid")),
            Map.entry(40125, new Meaning(Category.CREDENTIALS, "WeChat refused the App Secret")),
            Map.entry(40164, new Meaning(Category.CREDENTIALS,
                    "The IP address of this NiFi node is not in the account's IP whitelist for access tokens")),
            Map.entry(42001, new Meaning(Category.CREDENTIALS, "The access token has expired")),
            Map.entry(45009, new Meaning(Category.ACCOUNT,
                    "The account's daily API quota is used up: calls are refused until the quota resets")),
            Map.entry(45011, new Meaning(Category.THROTTLED, "WeChat asks to slow down: API calls too frequent")),
            Map.entry(48001, new Meaning(Category.ACCOUNT, "The account is not authorized to call the ID card OCR API")),
            Map.entry(101000, new Meaning(Category.REJECTED, "WeChat could not use the image (invalid image url)")),
            Map.entry(101001, new Meaning(Category.REJECTED, "No ID card found in the image")),
            Map.entry(101002, new Meaning(Category.REJECTED, "WeChat could not decode the image")),
            Map.entry(101003, new Meaning(Category.ACCOUNT,
                    "The OCR quota bought on the WeChat service market is used up: buy more to recognize again"))
    );

    private WeChatCodes() {
    }

    /** The kind of failure; a code WeChat does not document for this API is a provider error. */
    static Category category(final int errcode) {
        final Meaning meaning = MEANINGS.get(errcode);
        return meaning == null ? Category.PROVIDER_ERROR : meaning.category();
    }

    /** Whether the same request may succeed later: a busy or throttling WeChat, never an unknown code. */
    static boolean isRetryable(final int errcode) {
        return errcode == SYSTEM_BUSY || category(errcode) == Category.THROTTLED;
    }

    /** Whether WeChat refused the access token itself, so that a newly fetched one may be accepted. */
    static boolean isStaleToken(final String code) {
        try {
            return STALE_TOKEN.contains(Integer.parseInt(code));
        } catch (final NumberFormatException e) {
            return false;
        }
    }

    /** What the operator reads: the meaning of the code when known, then WeChat's own errmsg. */
    static String message(final int errcode, final String errmsg) {
        final Meaning meaning = MEANINGS.get(errcode);
        final String quoted = errmsg == null || errmsg.isBlank() ? "" : errmsg.trim();
        if (meaning == null) {
            return quoted.isEmpty() ? "WeChat answered errcode " + errcode : quoted;
        }
        return quoted.isEmpty() ? meaning.explanation() : meaning.explanation() + " (WeChat: " + quoted + ")";
    }
}

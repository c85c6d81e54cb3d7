package dev.nifiidcard.wechat;

import dev.nifiidcard.http.SecretRedactor;

/**
 * The App ID and App Secret of a WeChat Official Account or Mini Program: exchanged for access tokens, never sent
 * with a recognition.
 */
record WeChatCredentials(String appId, String appSecret) {

    @Override
    public String toString() {
        // the secret must never reach a log through toString()
        return "WeChatCredentials[appId=" + appId + ", appSecret=" + SecretRedactor.REDACTED + "]";
    }
}

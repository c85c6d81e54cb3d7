package dev.nifiidcard.wechat;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.provider.SecretRedactor;
import dev.nifiidcard.provider.TokenCache;
import dev.nifiidcard.provider.http.ProviderExchange;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.nifi.logging.ComponentLog;

import java.time.Clock;
import java.time.Duration;

/**
 * WeChat's access token, fetched with {@code GET /cgi-bin/token?grant_type=client_credential&appid=...&secret=...}
 * and kept in a {@link TokenCache} until shortly before it expires: one exchange a fetch, no retries (the caller owns
 * those), the App Secret kept out of every failure it reports.
 */
record WeChatAuth(OkHttpClient http, HttpUrl url, String appId, String appSecret, Clock clock, ComponentLog log)
        implements TokenCache.Fetcher<String> {

    static final String PATH = "/cgi-bin/token";
    /** A token is replaced this long before WeChat says it expires, so that it never expires on the way. */
    static final Duration TOKEN_REFRESH_MARGIN = Duration.ofMinutes(5);

    /** The access tokens of one App ID: fetched on demand, one caller at a time. */
    static TokenCache<String> tokens(final OkHttpClient http, final HttpUrl endpoint, final String appId, final String appSecret,
                                     final Clock clock, final ComponentLog log) {
        final HttpUrl url = endpoint.resolve(PATH).newBuilder()
                .addQueryParameter("grant_type", "client_credential")
                .addQueryParameter("appid", appId)
                .addQueryParameter("secret", appSecret)
                .build();
        return new TokenCache<>("access token", new WeChatAuth(http, url, appId, appSecret, clock, log), TOKEN_REFRESH_MARGIN, clock);
    }

    @Override
    public TokenCache.Expiring<String> fetch() throws IdCardOcrException {
        try {
            // a GET bills nothing: a lost answer is an ordinary retryable failure, never an answer lost
            final ProviderExchange.Answer answer = ProviderExchange.send(http, new Request.Builder().url(url).get().build());
            final TokenCache.Expiring<String> token = WeChatAnswer.accessToken(answer.status(), answer.body(), clock.instant());
            log.debug("Fetched a WeChat access token for App ID {}, valid until {}", appId, token.expiresAt());
            return token;
        } catch (final IdCardOcrException e) {
            throw SecretRedactor.redact(e, appSecret);
        }
    }

    @Override
    public String toString() {
        return "WeChatAuth[appId=" + appId + ", appSecret=" + SecretRedactor.REDACTED + "]";
    }
}

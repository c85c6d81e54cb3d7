package dev.nifiidcard.wechat;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.provider.SecretRedactor;
import dev.nifiidcard.provider.TokenCache;
import dev.nifiidcard.provider.http.ProviderExchange;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.apache.nifi.logging.ComponentLog;

import java.time.Clock;
import java.time.Duration;

/**
 * WeChat's stable access token, fetched with {@code POST /cgi-bin/stable_token} and kept in a {@link TokenCache} until
 * shortly before it expires: one exchange a fetch, no retries (the caller owns those), the App Secret sent in the body
 * (never in a URL) and kept out of every failure it reports. Unlike {@code cgi-bin/token}, the stable token is the same
 * for every caller while it is valid, so the nodes of a cluster share one token instead of invalidating each other's.
 * force_refresh is never asked for: it would invalidate the token every other node uses.
 */
record WeChatAuth(OkHttpClient http, HttpUrl url, RequestBody request, String appId, String appSecret, Clock clock, ComponentLog log)
        implements TokenCache.Fetcher<String> {

    static final String PATH = "/cgi-bin/stable_token";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A token is replaced this long before WeChat says it expires, so that it never expires on the way. */
    static final Duration TOKEN_REFRESH_MARGIN = Duration.ofMinutes(5);

    /** The access tokens of one App ID: fetched on demand, one caller at a time. */
    static TokenCache<String> tokens(final OkHttpClient http, final HttpUrl endpoint, final String appId, final String appSecret,
                                     final Clock clock, final ComponentLog log) {
        final String body = MAPPER.createObjectNode()
                .put("grant_type", "client_credential")
                .put("appid", appId)
                .put("secret", appSecret)
                .put("force_refresh", false)
                .toString();
        return new TokenCache<>("access token", new WeChatAuth(http, endpoint.resolve(PATH), RequestBody.create(body, JSON), appId, appSecret,
                clock, log), TOKEN_REFRESH_MARGIN, clock);
    }

    @Override
    public TokenCache.Expiring<String> fetch() throws IdCardOcrException {
        try {
            // a token request bills nothing: a lost answer is an ordinary retryable failure
            final ProviderExchange.Answer answer = ProviderExchange.send(http, new Request.Builder().url(url).post(request).build(), false);
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

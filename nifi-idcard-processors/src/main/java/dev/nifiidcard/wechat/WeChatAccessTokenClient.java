package dev.nifiidcard.wechat;

import dev.nifiidcard.http.SecretRedactor;
import dev.nifiidcard.http.ProviderExchange;
import dev.nifiidcard.http.TokenCache;
import dev.nifiidcard.ocr.IdCardOcrException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.nifi.logging.ComponentLog;

import java.time.Clock;

/**
 * Fetches an access token with {@code GET /cgi-bin/token?grant_type=client_credential&appid=...&secret=...}: one
 * exchange, no retries (the caller owns those), the App Secret kept out of every failure it reports.
 */
final class WeChatAccessTokenClient implements TokenCache.Fetcher<String> {

    static final String PATH = "/cgi-bin/token";

    private final OkHttpClient http;
    private final HttpUrl url;
    private final WeChatCredentials credentials;
    private final Clock clock;
    private final ComponentLog log;

    WeChatAccessTokenClient(final OkHttpClient http, final HttpUrl endpoint, final WeChatCredentials credentials,
                            final Clock clock, final ComponentLog log) {
        this.http = http;
        this.url = endpoint.resolve(PATH).newBuilder()
                .addQueryParameter("grant_type", "client_credential")
                .addQueryParameter("appid", credentials.appId())
                .addQueryParameter("secret", credentials.appSecret())
                .build();
        this.credentials = credentials;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public TokenCache.Expiring<String> fetch() throws IdCardOcrException {
        try {
            // a GET bills nothing: a lost answer is an ordinary retryable failure, never an answer lost
            final ProviderExchange.Answer answer = ProviderExchange.send(http, new Request.Builder().url(url).get().build());
            final TokenCache.Expiring<String> token = WeChatResponseParser.accessToken(answer.status(), answer.body(), clock.instant());
            log.debug("Fetched a WeChat access token for App ID {}, valid until {}", credentials.appId(), token.expiresAt());
            return token;
        } catch (final IdCardOcrException e) {
            throw SecretRedactor.redact(e, credentials.appSecret());
        }
    }
}

package dev.nifiidcard.huiyan;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.provider.Pacer;
import dev.nifiidcard.provider.ProviderAttempt;
import dev.nifiidcard.provider.SecretRedactor;
import dev.nifiidcard.provider.TokenCache;
import dev.nifiidcard.provider.http.ProviderExchange;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.nifi.logging.ComponentLog;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Huiyan's credential chain for one App ID: the access token (App ID and Secret), then the SIGN ticket (the token),
 * each cached and fetched by one caller at a time. The ticket is the credential calls are signed with; a ticket
 * request refused for a stale token gets a fresh token once.
 */
final class HuiyanAuth {

    static final String VERSION = "1.0.0";
    static final String TOKEN_PATH = "api/oauth2/access_token";
    static final String TICKET_PATH = "api/oauth2/api_ticket";
    /** A credential is replaced this long before it expires, so that it never expires on the way (the old ticket stays valid a minute). */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(1);

    private final OkHttpClient http;
    private final HttpUrl endpoint;
    private final String appId;
    private final String secret;
    private final Clock clock;
    private final ComponentLog log;
    private final TokenCache<String> tokens;
    private final TokenCache<String> tickets;

    HuiyanAuth(final OkHttpClient http, final HttpUrl endpoint, final String appId, final String secret, final Clock clock,
               final ComponentLog log) {
        this.http = http;
        this.endpoint = endpoint;
        this.appId = appId;
        this.secret = secret;
        this.clock = clock;
        this.log = log;
        this.tokens = new TokenCache<>("access token", this::fetchToken, REFRESH_MARGIN, clock);
        this.tickets = new TokenCache<>("SIGN ticket", this::fetchTicket, REFRESH_MARGIN, clock);
    }

    /** The SIGN tickets that calls are signed with. */
    TokenCache<String> tickets() {
        return tickets;
    }

    private TokenCache.Expiring<String> fetchToken() throws IdCardOcrException {
        final HttpUrl url = endpoint.newBuilder().addPathSegments(TOKEN_PATH)
                .addQueryParameter("app_id", appId)
                .addQueryParameter("secret", secret)
                .addQueryParameter("grant_type", "client_credential")
                .addQueryParameter("version", VERSION)
                .build();
        final ProviderExchange.Answer answer = get(url);
        final TokenCache.Expiring<String> token = HuiyanAnswer.accessToken(answer.status(), answer.body(), clock.instant(), List.of(secret));
        log.debug("Fetched a Tencent Huiyan access token valid until {}", token.expiresAt());
        return token;
    }

    /** A SIGN ticket; when Huiyan says the token behind the request is stale, with a new token once. */
    private TokenCache.Expiring<String> fetchTicket() throws IdCardOcrException {
        final TokenCache.Expiring<String> ticket = ProviderAttempt.renewingOnce(HuiyanAnswer.PROVIDER, tokens, token -> {
            final HttpUrl url = endpoint.newBuilder().addPathSegments(TICKET_PATH)
                    .addQueryParameter("app_id", appId)
                    .addQueryParameter("access_token", token)
                    .addQueryParameter("type", "SIGN")
                    .addQueryParameter("version", VERSION)
                    .build();
            final ProviderExchange.Answer answer = get(url);
            return HuiyanAnswer.signTicket(answer.status(), answer.body(), clock.instant(), tokens.expiring(), List.of(secret, token));
        }, Pacer.NONE, log);
        log.debug("Fetched a Tencent Huiyan SIGN ticket valid until {}", ticket.expiresAt());
        return ticket;
    }

    /** A credential request: nothing is billed, so a lost answer may simply be asked again. */
    private ProviderExchange.Answer get(final HttpUrl url) throws IdCardOcrException {
        return ProviderExchange.send(http, new Request.Builder().url(url).get().build());
    }

    @Override
    public String toString() {
        return "HuiyanAuth[appId=" + appId + ", secret=" + SecretRedactor.REDACTED + "]";
    }
}

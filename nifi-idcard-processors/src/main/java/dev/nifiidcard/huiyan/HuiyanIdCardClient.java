package dev.nifiidcard.huiyan;

import dev.nifiidcard.http.Base64JsonImageBody;
import dev.nifiidcard.http.ProviderCallExecutor;
import dev.nifiidcard.http.ProviderClient;
import dev.nifiidcard.http.ProviderExchange;
import dev.nifiidcard.http.TokenCache;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.nifi.logging.ComponentLog;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Huiyan's ID card OCR for one App ID: the access token and the SIGN ticket, each cached and fetched by one caller at
 * a time, and signed {@code idcardocrapp} calls. A call refused for a stale ticket or token gets a fresh one and is
 * tried once more; a second refusal is a credentials failure.
 */
final class HuiyanIdCardClient implements ProviderClient {

    static final String VERSION = "1.0.0";
    static final String TOKEN_PATH = "api/oauth2/access_token";
    static final String TICKET_PATH = "api/oauth2/api_ticket";
    static final String OCR_PATH = "api/paas/idcardocrapp";
    /** A credential is replaced this long before it expires, so that it never expires on the way (the old ticket stays valid a minute). */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(1);

    private final OkHttpClient http;
    private final HttpUrl endpoint;
    private final String appId;
    private final String secret;
    private final String userId;
    private final boolean nativePlace;
    private final Clock clock;
    private final ComponentLog log;
    private final TokenCache<String> tokens;
    private final TokenCache<String> tickets;

    /**
     * @param userId      sent as userId, or null to leave it out
     * @param nativePlace whether to ask for the native place (getNative)
     */
    HuiyanIdCardClient(final OkHttpClient http, final HttpUrl endpoint, final String appId, final String secret, final String userId,
                       final boolean nativePlace, final Clock clock, final ComponentLog log) {
        this.http = http;
        this.endpoint = endpoint;
        this.appId = appId;
        this.secret = secret;
        this.userId = userId;
        this.nativePlace = nativePlace;
        this.clock = clock;
        this.log = log;
        this.tokens = new TokenCache<>(this::fetchToken, REFRESH_MARGIN, clock);
        this.tickets = new TokenCache<>(this::fetchTicket, REFRESH_MARGIN, clock);
    }

    /**
     * One recognition through the executor (rate limit and retries); a refusal of the SIGN ticket fetches a new one and
     * goes through the executor once more.
     */
    IdCardRecognition recognize(final ImageSource image, final RecognitionRequest request, final ProviderCallExecutor executor)
            throws IdCardOcrException {
        final String[] used = new String[1];
        try {
            return executor.execute(() -> attempt(image, request, used));
        } catch (final StaleCredentialException stale) {
            log.info("Tencent Huiyan refused the SIGN ticket ({}): fetching a new one and trying once more", stale.getCode());
            tickets.invalidate(used[0]);
            try {
                return executor.execute(() -> attempt(image, request, used));
            } catch (final StaleCredentialException again) {
                throw again.refusedAgain("SIGN ticket");
            }
        }
    }

    /** Obtains the access token and the SIGN ticket, or says why not: proves the App ID and the Secret. */
    void authenticate() throws IdCardOcrException {
        tickets.get();
    }

    /** The recognition URL, without the per-call order number: the transit URI of provenance events. */
    @Override
    public String transitUri() {
        return endpoint.newBuilder().addPathSegments(OCR_PATH).build().toString();
    }

    private IdCardRecognition attempt(final ImageSource image, final RecognitionRequest request, final String[] used)
            throws IdCardOcrException {
        final String ticket = tickets.get();
        used[0] = ticket;
        final String orderNo = HuiyanSigner.randomAlphanumeric();
        final String nonce = HuiyanSigner.randomAlphanumeric();
        final String sign = HuiyanSigner.sign(appId, orderNo, VERSION, ticket, nonce);
        final Base64JsonImageBody body = HuiyanRequestBody.of(image,
                new HuiyanRequestBody.Fields(appId, VERSION, nonce, sign, orderNo, userId, nativePlace));
        final Request call = new Request.Builder()
                .url(endpoint.newBuilder().addPathSegments(OCR_PATH).addQueryParameter("orderNo", orderNo).build())
                .post(body)
                .build();
        final ProviderExchange.Answer answer = ProviderExchange.send(http, call);
        return HuiyanResponseParser.recognition(answer.status(), answer.body(),
                new HuiyanResponseParser.Sent(orderNo, request, nativePlace), List.of(secret, ticket, sign));
    }

    private TokenCache.Expiring<String> fetchToken() throws IdCardOcrException {
        final HttpUrl url = endpoint.newBuilder().addPathSegments(TOKEN_PATH)
                .addQueryParameter("app_id", appId)
                .addQueryParameter("secret", secret)
                .addQueryParameter("grant_type", "client_credential")
                .addQueryParameter("version", VERSION)
                .build();
        final ProviderExchange.Answer answer = get(url);
        final TokenCache.Expiring<String> token = HuiyanResponseParser.accessToken(answer.status(), answer.body(), clock.instant(), List.of(secret));
        log.debug("Fetched a Tencent Huiyan access token valid until {}", token.expiresAt());
        return token;
    }

    /** A SIGN ticket; when Huiyan says the token behind the request is stale, with a new token once. */
    private TokenCache.Expiring<String> fetchTicket() throws IdCardOcrException {
        final TokenCache.Expiring<String> token = tokens.current();
        TokenCache.Expiring<String> ticket;
        try {
            ticket = requestTicket(token);
        } catch (final StaleCredentialException stale) {
            log.info("Tencent Huiyan refused the access token ({}): fetching a new one", stale.getCode());
            tokens.invalidate(token.value());
            try {
                ticket = requestTicket(tokens.current());
            } catch (final StaleCredentialException again) {
                throw again.refusedAgain("access token");
            }
        }
        log.debug("Fetched a Tencent Huiyan SIGN ticket valid until {}", ticket.expiresAt());
        return ticket;
    }

    private TokenCache.Expiring<String> requestTicket(final TokenCache.Expiring<String> token) throws IdCardOcrException {
        final HttpUrl url = endpoint.newBuilder().addPathSegments(TICKET_PATH)
                .addQueryParameter("app_id", appId)
                .addQueryParameter("access_token", token.value())
                .addQueryParameter("type", "SIGN")
                .addQueryParameter("version", VERSION)
                .build();
        final ProviderExchange.Answer answer = get(url);
        return HuiyanResponseParser.signTicket(answer.status(), answer.body(), clock.instant(), token, List.of(secret, token.value()));
    }

    /** A credential request: nothing is billed, so a lost answer may simply be asked again. */
    private ProviderExchange.Answer get(final HttpUrl url) throws IdCardOcrException {
        return ProviderExchange.send(http, new Request.Builder().url(url).get().build());
    }
}

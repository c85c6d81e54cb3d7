package dev.nifiidcard.wechat;

import dev.nifiidcard.http.SecretRedactor;
import dev.nifiidcard.http.ImagePartBody;
import dev.nifiidcard.http.ProviderCallExecutor;
import dev.nifiidcard.http.ProviderClient;
import dev.nifiidcard.http.ProviderExchange;
import dev.nifiidcard.http.TokenCache;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.nifi.logging.ComponentLog;

/**
 * Recognitions with {@code POST /cv/ocr/idcard?type=...&access_token=...}, the image streamed as the multipart
 * part {@code img}. The access token comes from a shared {@link TokenCache}; when WeChat refuses it (40001, 40014,
 * 42001) it is dropped, a new one is fetched and the recognition is sent once more.
 */
final class WeChatIdCardClient implements ProviderClient {

    static final String PATH = "/cv/ocr/idcard";
    static final String IMAGE_PART = "img";

    /** Runs one attempt at a call: through the service's rate limit and retries, or directly. */
    @FunctionalInterface
    interface Calls {
        IdCardRecognition run(ProviderCallExecutor.Attempt<IdCardRecognition> attempt) throws IdCardOcrException;
    }

    private final OkHttpClient http;
    private final HttpUrl url;
    private final String imageType;
    private final TokenCache<String> tokens;
    private final ComponentLog log;

    WeChatIdCardClient(final OkHttpClient http, final HttpUrl endpoint, final String imageType, final TokenCache<String> tokens,
                       final ComponentLog log) {
        this.http = http;
        this.url = endpoint.resolve(PATH);
        this.imageType = imageType;
        this.tokens = tokens;
        this.log = log;
    }

    /**
     * One recognition: the calls made with the cached token, then, if WeChat refused that token, the calls made once
     * more with a new one. A second refusal is final.
     */
    IdCardRecognition recognize(final ImagePartBody image, final Calls calls) throws IdCardOcrException {
        // built once: each attempt writes it again, streaming the image from its source
        final MultipartBody body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart(IMAGE_PART, image.fileName(), image)
                .build();
        try {
            return calls.run(() -> exchange(body, tokens.get()));
        } catch (final RefusedToken refused) {
            log.info("WeChat refused the cached access token ({}): fetching a new one and sending once more. Frequent refusals "
                    + "mean that another application or NiFi node fetches tokens for the same App ID.", refused.getCode());
            tokens.invalidate(refused.token);
            try {
                return calls.run(() -> exchange(body, tokens.get()));
            } catch (final RefusedToken again) {
                throw again.asFinal();
            }
        }
    }

    /** The endpoint of recognitions without the query, which carries the access token: the provenance transit URI. */
    @Override
    public String transitUri() {
        return url.toString();
    }

    private IdCardRecognition exchange(final MultipartBody body, final String token) throws IdCardOcrException {
        final Request request = new Request.Builder()
                .url(url.newBuilder()
                        .addQueryParameter("type", imageType)
                        .addQueryParameter("access_token", token)
                        .build())
                .post(body)
                .build();
        try {
            final ProviderExchange.Answer answer = ProviderExchange.send(http, request);
            return WeChatResponseParser.recognition(answer.status(), answer.body());
        } catch (final IdCardOcrException e) {
            final IdCardOcrException safe = SecretRedactor.redact(e, token);
            throw WeChatCodes.isStaleToken(safe.getCode()) ? new RefusedToken(safe, token) : safe;
        }
    }

    /** WeChat refused the access token sent: not retryable as such, worth one more try with a new token. */
    private static final class RefusedToken extends IdCardOcrException {
        private final transient String token;

        RefusedToken(final IdCardOcrException refusal, final String token) {
            super(refusal.getCode(), refusal.getMessage(), refusal.getCategory(), false, refusal.getRequestId(), null);
            this.token = token;
        }

        /** The refusal of a freshly fetched token: the credentials themselves are the problem. */
        IdCardOcrException asFinal() {
            return new IdCardOcrException(getCode(), "WeChat refused a newly fetched access token too: " + getMessage(),
                    getCategory(), false, getRequestId(), null);
        }
    }
}

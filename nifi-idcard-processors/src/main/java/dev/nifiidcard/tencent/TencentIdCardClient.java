package dev.nifiidcard.tencent;

import dev.nifiidcard.http.ProviderClient;
import dev.nifiidcard.http.ProviderExchange;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.nifi.logging.ComponentLog;

import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;

/** One signed IDCardOCR exchange with Tencent Cloud API 3.0: no retries, no rate limit (the caller owns those). */
final class TencentIdCardClient implements ProviderClient {

    static final String SERVICE = "ocr";
    static final String ACTION = "IDCardOCR";
    static final String VERSION = "2018-11-19";
    private static final String SIGNATURE_EXPIRE = "AuthFailure.SignatureExpire";
    private static final String UNSIGNED_PAYLOAD_SHA256 = Tc3Signer.unsignedPayloadSha256Hex();

    private final OkHttpClient http;
    private final HttpUrl endpoint;
    private final String host;
    private final TencentCredentials credentials;
    private final String region;
    private final ClockSkew clockSkew;
    private final ComponentLog log;

    TencentIdCardClient(final OkHttpClient http, final HttpUrl endpoint, final TencentCredentials credentials,
                        final String region, final ClockSkew clockSkew, final ComponentLog log) {
        this.http = http;
        this.endpoint = endpoint;
        this.host = hostHeader(endpoint);
        this.credentials = credentials;
        this.region = region;
        this.clockSkew = clockSkew;
        this.log = log;
    }

    /**
     * One recognition. An {@code AuthFailure.SignatureExpire} answer whose {@code Date} shows this host's clock off is
     * signed again once with the corrected time; the correction is kept for later calls.
     */
    IdCardRecognition recognize(final IdCardOcrRequestBody body, final CardSide requestedSide) throws IdCardOcrException {
        try {
            return exchange(body, requestedSide);
        } catch (final SkewedClockException e) {
            log.warn("The clock of this NiFi node is {} s off Tencent Cloud's; requests are now signed with the corrected "
                    + "time. Synchronize the node's clock (NTP).", e.offset.toSeconds());
            try {
                return exchange(body, requestedSide);
            } catch (final SkewedClockException again) {
                throw again.refusal;
            }
        }
    }

    private IdCardRecognition exchange(final IdCardOcrRequestBody body, final CardSide requestedSide) throws IdCardOcrException {
        final long timestamp = clockSkew.now().getEpochSecond();
        final SortedMap<String, String> signedHeaders = Tc3Signer.canonicalHeaders(Map.of(
                "content-type", IdCardOcrRequestBody.CONTENT_TYPE,
                "host", host,
                "x-tc-action", ACTION));
        final boolean unsigned = body.sha256Hex() == null;
        final Request.Builder request = new Request.Builder()
                .url(endpoint)
                .post(body)
                // set explicitly so that the Host sent is the Host signed
                .header("Host", host)
                .header("X-TC-Action", ACTION)
                .header("X-TC-Version", VERSION)
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .header("Authorization", Tc3Signer.authorization(credentials.secretId(), credentials.secretKey(), SERVICE,
                        timestamp, signedHeaders, unsigned ? UNSIGNED_PAYLOAD_SHA256 : body.sha256Hex()));
        if (unsigned) {
            request.header(Tc3Signer.CONTENT_SHA256_HEADER, Tc3Signer.UNSIGNED_PAYLOAD);
        }
        if (region != null) {
            request.header("X-TC-Region", region);
        }
        if (credentials.sessionToken() != null) {
            request.header("X-TC-Token", credentials.sessionToken());
        }

        final ProviderExchange.Answer answer = ProviderExchange.send(http, request.build());
        try {
            return IdCardOcrResponseParser.parse(answer.status(), answer.body(), requestedSide);
        } catch (final IdCardOcrException e) {
            final Duration offset = SIGNATURE_EXPIRE.equals(e.getCode()) ? clockSkew.adopt(answer.headers().get("Date")) : null;
            throw offset == null ? e : new SkewedClockException(e, offset);
        }
    }

    /** A SignatureExpire refusal that taught us the clock offset: worth signing again. */
    private static final class SkewedClockException extends IdCardOcrException {
        private final IdCardOcrException refusal;
        private final transient Duration offset;

        SkewedClockException(final IdCardOcrException refusal, final Duration offset) {
            super(refusal.getCode(), refusal.getMessage(), refusal.getCategory(), false, refusal.getRequestId(), null);
            this.refusal = refusal;
            this.offset = offset;
        }
    }

    @Override
    public String transitUri() {
        return endpoint.toString();
    }

    /** The Host header OkHttp would send: the port only when it is not the scheme's default. */
    private static String hostHeader(final HttpUrl url) {
        final String hostName = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? hostName : hostName + ":" + url.port();
    }
}

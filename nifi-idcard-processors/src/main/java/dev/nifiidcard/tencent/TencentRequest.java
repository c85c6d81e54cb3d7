package dev.nifiidcard.tencent;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.provider.CredentialSource;
import dev.nifiidcard.provider.ProviderCall;
import dev.nifiidcard.provider.ProviderClient;
import dev.nifiidcard.provider.StaleCredentialException;
import dev.nifiidcard.provider.http.ProviderExchange;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.apache.nifi.logging.ComponentLog;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;

/**
 * IDCardOCR on the wire, Tencent Cloud API 3.0: the JSON body streamed with the image's base64, each attempt signed
 * with TC3-HMAC-SHA256 at Tencent's time as far as {@link ClockSkew} knows it. An {@code AuthFailure.SignatureExpire}
 * whose {@code Date} shows this host's clock off is a stale signature: the correction is kept and the call signed
 * again once.
 */
final class TencentRequest implements ProviderClient<TencentCredentials> {

    static final String SERVICE = "ocr";
    static final String ACTION = "IDCardOCR";
    static final String VERSION = "2018-11-19";
    private static final String SIGNATURE_EXPIRE = "AuthFailure.SignatureExpire";
    private static final String UNSIGNED_PAYLOAD_SHA256 = Tc3Signer.unsignedPayloadSha256Hex();

    /** The per-service request options that are not a matter of the flow. */
    record Settings(String cardWarnType, boolean recognitionRectify, boolean dateVerify, boolean signBody) {
    }

    private final HttpUrl endpoint;
    private final String host;
    private final CredentialSource<TencentCredentials> credentials;
    private final String region;
    private final Settings settings;
    private final ClockSkew clockSkew;
    private final ComponentLog log;

    TencentRequest(final HttpUrl endpoint, final TencentCredentials credentials, final String region, final Settings settings,
                   final ClockSkew clockSkew, final ComponentLog log) {
        this.endpoint = endpoint;
        this.host = hostHeader(endpoint);
        this.credentials = CredentialSource.fixed("clock offset", credentials, credentials.secretKey(), credentials.sessionToken());
        this.region = region;
        this.settings = settings;
        this.clockSkew = clockSkew;
        this.log = log;
    }

    @Override
    public CredentialSource<TencentCredentials> credentials() {
        return credentials;
    }

    @Override
    public ProviderCall<TencentCredentials> prepare(final ImageSource image, final RecognitionRequest request) throws IdCardOcrException {
        final TencentRequestBody body;
        try {
            body = TencentRequestBody.prepare(image, TencentParameters.of(request, settings), settings.signBody());
        } catch (final IOException e) {
            throw IdCardOcrException.contentUnreadable(e);
        }
        return new ProviderCall<>() {
            @Override
            public Request request(final TencentCredentials key) {
                return signed(body, key);
            }

            @Override
            public IdCardRecognition read(final ProviderExchange.Answer answer) throws IdCardOcrException {
                try {
                    return TencentAnswer.parse(answer.status(), answer.body(), request.cardSide());
                } catch (final IdCardOcrException e) {
                    final Duration offset = SIGNATURE_EXPIRE.equals(e.getCode()) ? clockSkew.adopt(answer.headers().get("Date")) : null;
                    if (offset == null) {
                        throw e;
                    }
                    log.warn("The clock of this NiFi node is {} s off Tencent Cloud's; requests are now signed with the corrected "
                            + "time. Synchronize the node's clock (NTP).", offset.toSeconds());
                    throw new StaleCredentialException(e);
                }
            }
        };
    }

    private Request signed(final TencentRequestBody body, final TencentCredentials key) {
        final long timestamp = clockSkew.now().getEpochSecond();
        final SortedMap<String, String> signedHeaders = Tc3Signer.canonicalHeaders(Map.of(
                "content-type", TencentRequestBody.CONTENT_TYPE,
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
                .header("Authorization", Tc3Signer.authorization(key.secretId(), key.secretKey(), SERVICE,
                        timestamp, signedHeaders, unsigned ? UNSIGNED_PAYLOAD_SHA256 : body.sha256Hex()));
        if (unsigned) {
            request.header(Tc3Signer.CONTENT_SHA256_HEADER, Tc3Signer.UNSIGNED_PAYLOAD);
        }
        if (region != null) {
            request.header("X-TC-Region", region);
        }
        if (key.sessionToken() != null) {
            request.header("X-TC-Token", key.sessionToken());
        }
        return request.build();
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

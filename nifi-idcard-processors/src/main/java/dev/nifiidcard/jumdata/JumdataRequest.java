package dev.nifiidcard.jumdata;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.provider.CredentialSource;
import dev.nifiidcard.provider.ProviderCall;
import dev.nifiidcard.provider.ProviderClient;
import dev.nifiidcard.provider.SecretRedactor;
import dev.nifiidcard.provider.http.ImagePartBody;
import dev.nifiidcard.provider.http.ProviderExchange;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.Request;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Jumdata's {@code ocr/idcard-v1} on the wire: a multipart form with {@code appId}, {@code timestamp}, {@code sign} and
 * the image streamed as the {@code file} part, each attempt signed anew with the current time.
 */
final class JumdataRequest implements ProviderClient<JumdataRequest.Key> {

    static final String PATH = "/ocr/idcard-v1";

    /**
     * The application key Jumdata assigned.
     *
     * @param appId     sent with every request
     * @param appSecret never sent: only hashed into each request's sign
     */
    record Key(String appId, String appSecret) {

        @Override
        public String toString() {
            return "Key[appId=" + appId + ", appSecret=" + SecretRedactor.REDACTED + "]";
        }
    }

    private final HttpUrl url;
    private final CredentialSource<Key> key;
    private final Clock clock;

    /**
     * @param endpoint the Endpoint URL, without a path: the API's path is appended
     * @param clock    read for each attempt's timestamp
     */
    JumdataRequest(final HttpUrl endpoint, final Key key, final Clock clock) {
        this.url = endpoint.newBuilder().encodedPath(PATH).build();
        this.key = CredentialSource.fixed("App Secret", key, key.appSecret());
        this.clock = clock;
    }

    /** {@code sign = sha256(appId + appSecret + timestamp)} in lower-case hex, the timestamp exactly as sent. */
    static String sign(final String appId, final String appSecret, final String timestamp) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((appId + appSecret + timestamp).getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    @Override
    public CredentialSource<Key> credentials() {
        return key;
    }

    /** Jumdata detects the side and runs no optional checks: of the request, only the expected side is used. */
    @Override
    public ProviderCall<Key> prepare(final ImageSource image, final RecognitionRequest request) throws IdCardOcrException {
        final ImagePartBody file = ImagePartBody.of(image);
        return new ProviderCall<>() {
            @Override
            public Request request(final Key credential) {
                final String timestamp = Long.toString(clock.millis());
                return new Request.Builder().url(url).post(new MultipartBody.Builder()
                        .setType(MultipartBody.FORM)
                        .addFormDataPart("appId", credential.appId())
                        .addFormDataPart("timestamp", timestamp)
                        .addFormDataPart("sign", sign(credential.appId(), credential.appSecret(), timestamp))
                        .addFormDataPart("file", file.fileName(), file)
                        .build()).build();
            }

            @Override
            public IdCardRecognition read(final ProviderExchange.Answer answer) throws IdCardOcrException {
                return JumdataAnswer.parse(answer.status(), answer.body(), request.cardSide());
            }
        };
    }

    @Override
    public String transitUri() {
        return url.toString();
    }
}

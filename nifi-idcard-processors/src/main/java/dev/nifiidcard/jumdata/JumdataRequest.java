package dev.nifiidcard.jumdata;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.provider.CredentialSource;
import dev.nifiidcard.provider.ProviderCall;
import dev.nifiidcard.provider.ProviderClient;
import dev.nifiidcard.provider.SecretRedactor;
import dev.nifiidcard.provider.http.ImagePartBody;
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
 *
 * @param url         the API's URL
 * @param credentials the application key
 * @param clock       read for each attempt's timestamp
 */
record JumdataRequest(HttpUrl url, CredentialSource<JumdataRequest.Key> credentials, Clock clock) implements ProviderClient<JumdataRequest.Key> {

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

    /** @param endpoint the Endpoint URL, without a path: the API's path is appended */
    static JumdataRequest of(final HttpUrl endpoint, final Key key, final Clock clock) {
        return new JumdataRequest(endpoint.newBuilder().encodedPath(PATH).build(), CredentialSource.fixed("App Secret", key, key.appSecret()), clock);
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

    /** Jumdata detects the side and runs no optional checks: of the request, only the expected side is used. */
    @Override
    public ProviderCall<Key> prepare(final ImageSource image, final RecognitionRequest request) throws IdCardOcrException {
        final ImagePartBody file = ImagePartBody.of(image);
        return ProviderCall.of(key -> {
            final String timestamp = Long.toString(clock.millis());
            return new Request.Builder().url(url).post(new MultipartBody.Builder()
                    .setType(MultipartBody.FORM)
                    .addFormDataPart("appId", key.appId())
                    .addFormDataPart("timestamp", timestamp)
                    .addFormDataPart("sign", sign(key.appId(), key.appSecret(), timestamp))
                    .addFormDataPart("file", file.fileName(), file)
                    .build()).build();
        }, answer -> JumdataAnswer.parse(answer.status(), answer.body(), request.cardSide()));
    }

    @Override
    public String transitUri() {
        return url.toString();
    }
}

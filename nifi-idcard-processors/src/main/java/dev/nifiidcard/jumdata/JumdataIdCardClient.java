package dev.nifiidcard.jumdata;

import dev.nifiidcard.http.ImagePartBody;
import dev.nifiidcard.http.ProviderClient;
import dev.nifiidcard.http.ProviderExchange;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import java.util.function.LongSupplier;

/** One signed {@code ocr/idcard-v1} exchange with Jumdata: no retries, no rate limit (the caller owns those). */
final class JumdataIdCardClient implements ProviderClient {

    static final String PATH = "/ocr/idcard-v1";

    private final OkHttpClient http;
    private final HttpUrl url;
    private final JumdataCredentials credentials;
    private final LongSupplier millis;

    /**
     * @param endpoint the Endpoint URL, without a path: the API's path is appended
     * @param millis   the current time in milliseconds, read for each attempt
     */
    JumdataIdCardClient(final OkHttpClient http, final HttpUrl endpoint, final JumdataCredentials credentials, final LongSupplier millis) {
        this.http = http;
        this.url = endpoint.newBuilder().encodedPath(PATH).build();
        this.credentials = credentials;
        this.millis = millis;
    }

    /**
     * One recognition: a multipart form with {@code appId}, {@code timestamp}, {@code sign} and the image streamed as
     * the {@code file} part. Each attempt is signed anew with the current time.
     */
    IdCardRecognition recognize(final ImagePartBody file, final CardSide requestedSide) throws IdCardOcrException {
        final String timestamp = Long.toString(millis.getAsLong());
        final MultipartBody form = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("appId", credentials.appId())
                .addFormDataPart("timestamp", timestamp)
                .addFormDataPart("sign", JumdataSigner.sign(credentials.appId(), credentials.appSecret(), timestamp))
                .addFormDataPart("file", file.fileName(), file)
                .build();
        final ProviderExchange.Answer answer = ProviderExchange.send(http, new Request.Builder().url(url).post(form).build());
        return JumdataResponseParser.parse(answer.status(), answer.body(), requestedSide);
    }

    @Override
    public String transitUri() {
        return url.toString();
    }
}

package dev.nifiidcard.http;

import dev.nifiidcard.ocr.IdCardOcrException;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.function.BooleanSupplier;

/**
 * One HTTP exchange with a provider, and the provider-neutral failures around it: what went wrong on the way
 * ({@code Transport.*}), an HTTP status without an API answer, an answer that is not the API's. Every provider
 * client sends through here, so that a dropped connection means the same thing whoever the vendor is.
 */
public final class ProviderExchange {

    /** What came back: the status, the headers and the body as text (answers are small JSON documents). */
    public record Answer(int status, Headers headers, String body) {
    }

    private ProviderExchange() {
    }

    /**
     * Sends one request and reads the whole answer.
     *
     * @param sentWhole after a failure, whether the request had been handed to the network whole
     */
    public static Answer send(final OkHttpClient http, final Request request, final BooleanSupplier sentWhole) throws IdCardOcrException {
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), response.headers(), response.body().string());
        } catch (final IOException e) {
            throw transportFailure(e, sentWhole.getAsBoolean());
        }
    }

    /** A failure on the way; after a whole request, the provider may have recognized and billed the image. */
    public static IdCardOcrException transportFailure(final IOException e, final boolean sentWhole) {
        final String code;
        boolean retryable = true;
        if (e instanceof UnknownHostException) {
            code = "UnknownHost";
        } else if (e instanceof ConnectException) {
            code = "ConnectFailed";
        } else if (e instanceof InterruptedIOException) {
            code = "Timeout";
        } else if (e instanceof SSLException) {
            code = "TlsFailure";
            retryable = false;
        } else {
            code = "IOError";
        }
        final String message = e.getClass().getSimpleName() + ": " + e.getMessage()
                + (sentWhole ? " (after the whole request was sent: the provider may have recognized and billed it)" : "");
        return new IdCardOcrException(IdCardOcrException.TRANSPORT + code, message, IdCardOcrException.Category.TRANSPORT,
                retryable, null, e, sentWhole);
    }

    /** An HTTP 200 that is not a whole API answer: the request was processed, and maybe billed, but its answer is lost. */
    public static IdCardOcrException malformed(final String message) {
        return new IdCardOcrException(IdCardOcrException.TRANSPORT + "MalformedResponse",
                message + " (the provider may have recognized and billed the image)", IdCardOcrException.Category.TRANSPORT,
                true, null, null, true);
    }

    /** An HTTP error status without the provider's API answer (a gateway, a proxy, an outage). */
    public static IdCardOcrException httpError(final int status, final String provider) {
        final boolean retryable = status >= 500 || status == 429 || status == 408;
        return new IdCardOcrException(IdCardOcrException.TRANSPORT + "HTTP" + status,
                "The endpoint answered HTTP " + status + " without a " + provider + " API response",
                IdCardOcrException.Category.TRANSPORT, retryable);
    }
}

package dev.nifiidcard.provider.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiidcard.ocr.IdCardOcrException;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.BufferedSource;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;

/**
 * One HTTP exchange with a provider, and the provider-neutral failures around it: what went wrong on the way
 * ({@code Transport.*}), an HTTP status without an API answer, an answer that is not the API's. Every provider
 * client sends through here, so that a dropped connection means the same thing whoever the vendor is.
 */
public final class ProviderExchange {

    /** What came back: the status, the headers and the body as text (answers are small JSON documents). */
    public record Answer(int status, Headers headers, String body) {
    }

    /**
     * The largest answer read. The largest legitimate one is Tencent's with both crops asked for: two base64 JPEGs, each
     * at most about the size of the image sent (10 MB as base64), and some JSON around them.
     */
    public static final long MAX_ANSWER_BYTES = 32L * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProviderExchange() {
    }

    /**
     * Sends one request and reads the whole answer. Whether a failure came after the whole request had been handed to
     * the network is judged for this attempt alone: a body re-sent by a retry may have gone out whole before.
     */
    public static Answer send(final OkHttpClient http, final Request request) throws IdCardOcrException {
        return send(http, request, request.body() != null);
    }

    /**
     * Sends one request and reads the whole answer.
     *
     * @param billable whether the provider may bill the request (a recognition); a lost answer to a credential request,
     *                 which bills nothing, is an ordinary failure, never an answer lost
     */
    public static Answer send(final OkHttpClient http, final Request request, final boolean billable) throws IdCardOcrException {
        final AttemptBody attempt = request.body() == null || !billable ? null : new AttemptBody(request.body());
        final Request sent = attempt == null ? request : request.newBuilder().method(request.method(), attempt).build();
        try (Response response = http.newCall(sent).execute()) {
            return new Answer(response.code(), response.headers(), boundedBody(response));
        } catch (final AnswerTooLargeException e) {
            throw new IdCardOcrException(IdCardOcrException.TRANSPORT + "AnswerTooLarge", e.getMessage(),
                    IdCardOcrException.Category.TRANSPORT, false, null, null, attempt != null);
        } catch (final IOException e) {
            throw transportFailure(e, attempt != null && attempt.sentWhole);
        }
    }

    /**
     * The answer as text, refused beyond {@link #MAX_ANSWER_BYTES} before it is held: an Endpoint URL that points at a
     * download must not exhaust the heap.
     */
    private static String boundedBody(final Response response) throws IOException {
        final ResponseBody body = response.body();
        if (body.contentLength() > MAX_ANSWER_BYTES) {
            throw new AnswerTooLargeException(body.contentLength());
        }
        final BufferedSource source = body.source();
        if (source.request(MAX_ANSWER_BYTES + 1)) {
            throw new AnswerTooLargeException(-1);
        }
        final MediaType type = body.contentType();
        return source.getBuffer().readString(type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8));
    }

    /** An answer larger than any a provider gives: not the provider's API, or not an answer to this request. */
    private static final class AnswerTooLargeException extends IOException {
        AnswerTooLargeException(final long announced) {
            super("The answer is larger than " + MAX_ANSWER_BYTES / (1024 * 1024) + " MB" + (announced > 0 ? " (" + announced + " bytes announced)" : "")
                    + ", more than any provider's answer: check the Endpoint URL (the provider may have recognized and billed the image)");
        }
    }

    /** A request body for one attempt, which knows whether this attempt handed all of it to the network. */
    private static final class AttemptBody extends RequestBody {
        private final RequestBody body;
        private volatile boolean sentWhole;

        AttemptBody(final RequestBody body) {
            this.body = body;
        }

        @Override
        public MediaType contentType() {
            return body.contentType();
        }

        @Override
        public long contentLength() throws IOException {
            return body.contentLength();
        }

        /**
         * Never re-sent by OkHttp itself (a 503 with Retry-After 0, a 408, a 421 on a coalesced HTTP/2 connection, a
         * proxy's 407): a re-send may be billed again.
         */
        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(final BufferedSink sink) throws IOException {
            body.writeTo(sink);
            // what is still buffered is not yet sent: the flag means the bytes reached the socket
            sink.flush();
            sentWhole = true;
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

    /**
     * The answer's body as a JSON object. What is not one is not the provider's API answer: with HTTP 200 a malformed
     * answer ({@link #malformed(String, boolean)}), with another status an {@link #httpError}.
     *
     * @param billable whether the request may have been recognized and billed (a recognition, not a token request)
     */
    public static JsonNode jsonObject(final int status, final String body, final String provider, final boolean billable)
            throws IdCardOcrException {
        final JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (final JacksonException e) {
            throw notAnApiAnswer(status, "The answer is not JSON", provider, billable);
        }
        if (root == null || !root.isObject()) {
            throw notAnApiAnswer(status, "The answer is not a JSON object", provider, billable);
        }
        return root;
    }

    /** An answer that is not the provider's: malformed when it came with HTTP 200, else an HTTP error. */
    public static IdCardOcrException notAnApiAnswer(final int status, final String why, final String provider, final boolean billable) {
        return status == 200 ? malformed(why, billable) : httpError(status, provider);
    }

    /**
     * A 200 that is not a whole API answer. After a recognition the image may have been recognized and billed (the
     * answer is lost); after a token or ticket request nothing was billed, and it may simply be asked again.
     */
    public static IdCardOcrException malformed(final String message, final boolean billable) {
        return billable ? malformed(message)
                : new IdCardOcrException(IdCardOcrException.TRANSPORT + "MalformedResponse", message,
                IdCardOcrException.Category.TRANSPORT, true, null, null, false);
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

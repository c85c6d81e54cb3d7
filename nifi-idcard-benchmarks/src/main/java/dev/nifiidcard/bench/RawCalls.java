package dev.nifiidcard.bench;

import dev.nifiidcard.tencent.Tc3Signer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * The limit scenarios: raw OkHttp posting the same request body our service sends, signed by TC3 with the tests'
 * signer. {@link #preBuilt} builds and hashes the body once (only the headers are signed per call); {@link #perRequest}
 * does what any signing client must do for each image, with the image already in memory: base64-encode it into a new
 * array and SHA-256 the body around it, then sign the headers and post.
 */
final class RawCalls {

    static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final byte[] PREFIX = "{\"ImageBase64\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\",\"EnableRecognitionRectify\":true,\"EnableDateVerify\":true,\"CardWarnType\":\"Basic\"}"
            .getBytes(StandardCharsets.US_ASCII);

    private RawCalls() {
    }

    /** The body built and hashed once, outside the measurement; each call signs the headers over that hash. */
    static Measure.Call preBuilt(final OkHttpClient http, final int port, final byte[] image) throws Exception {
        final byte[] base64 = Base64.getEncoder().encode(image);
        final byte[] body = new byte[PREFIX.length + base64.length + SUFFIX.length];
        System.arraycopy(PREFIX, 0, body, 0, PREFIX.length);
        System.arraycopy(base64, 0, body, PREFIX.length, base64.length);
        System.arraycopy(SUFFIX, 0, body, PREFIX.length + base64.length, SUFFIX.length);
        final RequestBody requestBody = RequestBody.create(body, JSON);
        final String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        return () -> post(http, port, requestBody, sha256);
    }

    /**
     * Per call: the image's base64 into a new array (the JDK's encoder, one pass, an intrinsic), the SHA-256 of the
     * body it makes (the JSON around it and the base64, as the bytes are sent), the headers signed, the body posted
     * from those arrays.
     */
    static Measure.Call perRequest(final OkHttpClient http, final int port, final byte[] image) {
        return () -> {
            final byte[] base64 = Base64.getEncoder().encode(image);
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(PREFIX);
            digest.update(base64);
            digest.update(SUFFIX);
            post(http, port, new InMemoryBody(base64), HexFormat.of().formatHex(digest.digest()));
        };
    }

    private static void post(final OkHttpClient http, final int port, final RequestBody body, final String sha256) throws Exception {
        final String host = "127.0.0.1:" + port;
        final long timestamp = System.currentTimeMillis() / 1000;
        final SortedMap<String, String> headers = Tc3Signer.canonicalHeaders(Map.of(
                "content-type", JSON.toString(), "host", host, "x-tc-action", "IDCardOCR"));
        final Request request = new Request.Builder().url("http://" + host + "/").post(body)
                .header("Host", host)
                .header("X-TC-Action", "IDCardOCR")
                .header("X-TC-Version", "2018-11-19")
                .header("X-TC-Region", "ap-guangzhou")
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .header("Authorization", Tc3Signer.authorization(BenchEndpoint.SECRET_ID, BenchEndpoint.SECRET_KEY, "ocr",
                        timestamp, headers, sha256))
                .build();
        try (Response response = http.newCall(request).execute()) {
            final String answer = response.body().string();
            if (!answer.contains("IdNum")) {
                throw new IllegalStateException("refused: " + answer);
            }
        }
    }

    /** The JSON body around an image's base64 held in memory: written from the arrays, never copied into one. */
    private static final class InMemoryBody extends RequestBody {
        private final byte[] base64;

        InMemoryBody(final byte[] base64) {
            this.base64 = base64;
        }

        @Override
        public MediaType contentType() {
            return JSON;
        }

        @Override
        public long contentLength() {
            return PREFIX.length + base64.length + SUFFIX.length;
        }

        @Override
        public void writeTo(final BufferedSink sink) throws IOException {
            sink.write(PREFIX);
            sink.write(base64);
            sink.write(SUFFIX);
        }
    }
}

package dev.nifiidcard.demo.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiidcard.tencent.Tc3Signer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/** Sends hand-signed IDCardOCR requests, so a test controls every part of the signature. */
final class SignedClient {

    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final TencentOcrSimulator simulator;

    SignedClient(final TencentOcrSimulator simulator) {
        this.simulator = simulator;
    }

    /** The Response object of a request signed with these credentials at this time. */
    JsonNode call(final String action, final String body, final String secretId, final String secretKey, final Instant at)
            throws IOException, InterruptedException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final String host = "127.0.0.1:" + simulator.port();
        final SortedMap<String, String> signed = Tc3Signer.canonicalHeaders(Map.of("content-type", CONTENT_TYPE, "host", host, "x-tc-action", action));
        final long timestamp = at.getEpochSecond();
        final HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.endpoint()))
                .header("Content-Type", CONTENT_TYPE)
                .header("X-TC-Action", action)
                .header("X-TC-Version", TencentOcrSimulator.VERSION)
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .header("Authorization", Tc3Signer.authorization(secretId, secretKey, "ocr", timestamp, signed, sha256Hex(bytes)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode());
        }
        return MAPPER.readTree(response.body()).get("Response");
    }

    JsonNode recognize(final String body) throws IOException, InterruptedException {
        return call(TencentOcrSimulator.ACTION, body, TencentOcrSimulator.DEFAULT_SECRET_ID, TencentOcrSimulator.DEFAULT_SECRET_KEY, Instant.now());
    }

    private static String sha256Hex(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (final NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

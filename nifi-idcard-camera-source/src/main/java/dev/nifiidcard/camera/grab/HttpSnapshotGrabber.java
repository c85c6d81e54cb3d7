package dev.nifiidcard.camera.grab;

import dev.nifiidcard.camera.Frame;
import dev.nifiidcard.camera.FrameGrabber;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pulls one still image per {@link #next()} from a camera's snapshot URL ({@code /ISAPI/Streaming/channels/101/picture},
 * {@code /cgi-bin/snapshot.cgi}, {@code /axis-cgi/jpg/image.cgi}...), with Basic or Digest credentials. The frame is
 * the camera's own JPEG or PNG, timestamped on receipt by the caller's clock; login and error pages are refused, and so is an image over
 * the cap, without reading it whole.
 */
public final class HttpSnapshotGrabber implements FrameGrabber {

    private final CameraEndpoint endpoint;
    private final int maxFrameBytes;
    private final Clock clock;
    private final AtomicLong oversized = new AtomicLong();

    /**
     * @param http          the caller's client (timeouts, TLS, proxy); this grabber adds only the camera's credentials
     * @param url           the snapshot URL; user info in it serves as credentials when {@code username} is not given
     * @param username      the camera user, or {@code null}
     * @param password      its password, or {@code null}
     * @param maxFrameBytes the largest image accepted
     * @param clock         stamps the frames: the processor's, which its gate's timing relies on
     */
    public HttpSnapshotGrabber(final OkHttpClient http, final String url, final String username, final String password,
                               final int maxFrameBytes, final Clock clock) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be positive");
        }
        this.endpoint = CameraEndpoint.of(http, url, username, password);
        this.maxFrameBytes = maxFrameBytes;
        this.clock = clock;
    }

    @Override
    public Frame next() throws IOException {
        final Call call = endpoint.client().newCall(new Request.Builder().url(endpoint.url()).build());
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("Snapshot from " + endpoint + " failed: HTTP " + response.code()
                        + (response.code() == 401 ? " (the camera refused the credentials)" : ""));
            }
            final ResponseBody body = response.body();
            final MediaType type = body.contentType();
            if (type != null && !"image".equalsIgnoreCase(type.type())) {
                throw new IOException("Snapshot from " + endpoint + " is " + type.type() + "/" + type.subtype()
                        + ", not an image" + ("html".equalsIgnoreCase(type.subtype()) ? " (an error or login page?)" : ""));
            }
            final byte[] bytes = readAtMost(body, call);
            if (bytes == null) {
                // over Max Frame Size: skipped and counted like the stream modes' oversized frames, not a failure
                oversized.incrementAndGet();
                return null;
            }
            final String mimeType = ImageType.mimeType(bytes);
            if (mimeType == null) {
                throw new IOException("Snapshot from " + endpoint + " is neither a JPEG nor a PNG image (" + bytes.length
                        + " bytes" + (startsLikeMarkup(bytes) ? ", looks like an HTML page" : "") + ")");
            }
            return new Frame(bytes, mimeType, clock.instant(), Map.of());
        }
    }

    /** Nothing to release: the caller owns the client. */
    @Override
    public void close() {
    }

    /** The body, or null when it is larger than the cap (the call is cancelled, the rest never read). */
    private byte[] readAtMost(final ResponseBody body, final Call call) throws IOException {
        if (body.contentLength() > maxFrameBytes) {
            call.cancel();
            return null;
        }
        final BufferedSource source = body.source();
        final Buffer image = new Buffer();
        while (image.size() <= maxFrameBytes) {
            if (source.read(image, maxFrameBytes + 1L - image.size()) == -1) {
                return image.readByteArray();
            }
        }
        // cancel, or closing the response would drain the rest of the body to reuse the connection
        call.cancel();
        return null;
    }

    @Override
    public long takeOversizedCount() {
        return oversized.getAndSet(0);
    }

    private static boolean startsLikeMarkup(final byte[] bytes) {
        for (final byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return b == '<';
            }
        }
        return false;
    }
}

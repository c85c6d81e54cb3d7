package dev.nifiidcard.camera.grab;

import dev.nifiidcard.camera.Frame;
import dev.nifiidcard.camera.FrameGrabber;
import dev.nifiidcard.commons.JitteredBackoff;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows a camera's MJPEG stream ({@code multipart/x-mixed-replace}, e.g. {@code /axis-cgi/mjpg/video.cgi},
 * {@code /video.mjpg}) on one long-lived GET, read by a daemon thread from {@link #start()}. Every JPEG part becomes a
 * frame of the camera's own bytes, timestamped on receipt by the caller's clock; when the processor falls behind, the
 * older frames are dropped and counted. A lost stream is reconnected with backoff (500 ms doubling to 30 s, with jitter, reset by a
 * good frame); {@link #next()} reports each failure once.
 */
public final class MjpegStreamGrabber implements FrameGrabber {

    private final CameraEndpoint endpoint;
    private final int maxFrameBytes;
    private final Clock clock;
    private final AtomicLong oversized = new AtomicLong();
    private final ReaderLoop loop;
    private volatile Call call;

    /**
     * @param http          the caller's client (timeouts, TLS, proxy); its read timeout also bounds a silent stream
     * @param url           the stream URL; user info in it serves as credentials when {@code username} is not given
     * @param username      the camera user, or {@code null}
     * @param password      its password, or {@code null}
     * @param maxFrameBytes the largest part kept; larger ones are skipped and counted
     * @param clock         stamps the frames: the processor's, which its gate's timing relies on
     */
    public MjpegStreamGrabber(final OkHttpClient http, final String url, final String username, final String password,
                              final int maxFrameBytes, final Clock clock) {
        this(http, url, username, password, maxFrameBytes, ReaderLoop.RECONNECT_BACKOFF, clock);
    }

    MjpegStreamGrabber(final OkHttpClient http, final String url, final String username, final String password,
                       final int maxFrameBytes, final JitteredBackoff backoff, final Clock clock) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be positive");
        }
        // a stream has no end: an overall call timeout set by the caller would cut it periodically
        final OkHttpClient streaming = http.newBuilder().callTimeout(Duration.ZERO).build();
        this.endpoint = CameraEndpoint.of(streaming, url, username, password);
        this.maxFrameBytes = maxFrameBytes;
        this.clock = clock;
        this.loop = new ReaderLoop("mjpeg-reader-" + endpoint.url().host(), backoff, this::readStream);
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public Frame next() throws IOException {
        return loop.next();
    }

    @Override
    public long takeDroppedCount() {
        return loop.takeDroppedCount();
    }

    @Override
    public long takeOversizedCount() {
        return oversized.getAndSet(0);
    }

    @Override
    public void close() {
        loop.stop(() -> {
            final Call current = call;
            if (current != null) {
                current.cancel();
            }
        });
    }

    private void readStream() throws IOException {
        final Call current = endpoint.client().newCall(new Request.Builder().url(endpoint.url()).build());
        call = current;
        if (loop.isStopped()) {
            // close() may have looked for a call to cancel just before this one was set
            current.cancel();
        }
        final String ending;
        try (Response response = current.execute()) {
            ending = follow(response);
        } catch (final IOException e) {
            throw new IOException("MJPEG stream " + endpoint + " failed: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
        throw new IOException("MJPEG stream " + endpoint + " " + ending);
    }

    /** Offers the stream's frames until it ends; how it ended. */
    private String follow(final Response response) throws IOException {
        if (!response.isSuccessful()) {
            return "failed: HTTP " + response.code() + (response.code() == 401 ? " (the camera refused the credentials)" : "");
        }
        final MediaType type = response.body().contentType();
        final String boundary = type == null ? null : type.parameter("boundary");
        if (boundary == null || !"multipart".equalsIgnoreCase(type.type())) {
            return "is not multipart with a boundary (Content-Type: " + response.header("Content-Type") + ")";
        }
        final MjpegPartReader parts = new MjpegPartReader(response.body().source(), boundary, maxFrameBytes, oversized);
        for (byte[] jpeg = parts.nextJpeg(); jpeg != null; jpeg = parts.nextJpeg()) {
            loop.offer(Frame.jpeg(jpeg, clock.instant()));
        }
        return "ended";
    }
}

package dev.nifiidcard.camera.grab;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The start of an RTSP camera on a ServerSocket: it answers the first DESCRIBE with 401 and a Basic challenge, keeps the
 * Authorization header of the retry, then says nothing more, so that the client waits while the test looks at it.
 * Enough to see that credentials reach an RTSP server without an RTSP server in CI.
 */
final class RtspAuthPeer implements Closeable {

    private final ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    private final CompletableFuture<String> authorization = new CompletableFuture<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    RtspAuthPeer() throws IOException {
        Thread.ofPlatform().name("rtsp-auth-peer").daemon().start(this::serve);
    }

    String url(final String path) {
        return "rtsp://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** The Authorization header of the first request that had one. */
    CompletableFuture<String> authorization() {
        return authorization;
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
    }

    private void serve() {
        try (Socket socket = server.accept()) {
            final BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            final OutputStream out = socket.getOutputStream();
            while (!authorization.isDone()) {
                String cseq = "0";
                String auth = null;
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    final String lower = line.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("cseq:")) {
                        cseq = line.substring(5).trim();
                    } else if (lower.startsWith("authorization:")) {
                        auth = line.substring(14).trim();
                    }
                }
                if (auth != null) {
                    authorization.complete(auth);
                } else {
                    out.write(("RTSP/1.0 401 Unauthorized\r\nCSeq: " + cseq
                            + "\r\nWWW-Authenticate: Basic realm=\"camera\"\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            }
            // silent from here on: the client waits for its answer until the test ends it
            closed.await();
        } catch (final IOException | InterruptedException e) {
            authorization.completeExceptionally(e);
        }
    }
}

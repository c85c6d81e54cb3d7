package dev.nifiidcard.camera.grab;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An MJPEG camera on a plain ServerSocket: each accepted connection is handed to the test, which decides byte by byte
 * what the client sees and when the connection drops (MockWebServer cannot stop in the middle of a part on cue).
 */
final class MjpegTestCamera implements Closeable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ServerSocket server;
    private final Thread acceptor;
    private final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    MjpegTestCamera() throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().name("mjpeg-test-camera").daemon().start(this::accept);
    }

    String url(final String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** The next connection the client opened, its request read. */
    Connection nextConnection() throws InterruptedException {
        final Connection connection = connections.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (connection == null) {
            throw new AssertionError("the client did not connect within " + WAIT);
        }
        return connection;
    }

    /** No further connection within a short while; for checking that a closed client stays away. */
    boolean connectionAttemptedWithin(final Duration duration) throws InterruptedException {
        return connections.poll(duration.toMillis(), TimeUnit.MILLISECONDS) != null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (final Socket socket : sockets) {
            socket.close();
        }
        try {
            acceptor.join(WAIT);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                final Socket socket = server.accept();
                sockets.add(socket);
                connections.add(new Connection(socket));
            } catch (final IOException e) {
                // closed
            }
        }
    }

    static final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private final String requestTarget;
        private final Map<String, String> requestHeaders = new HashMap<>();
        private String boundaryLine = "--frame";

        Connection(final Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            final InputStream in = socket.getInputStream();
            socket.setSoTimeout((int) WAIT.toMillis());
            requestTarget = readLine(in).split(" ")[1];
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                final int colon = line.indexOf(':');
                if (colon > 0) {
                    requestHeaders.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
                }
            }
            socket.setSoTimeout(0);
        }

        String requestTarget() {
            return requestTarget;
        }

        String requestHeader(final String name) {
            return requestHeaders.get(name.toLowerCase(Locale.ROOT));
        }

        /** Starts the stream; {@code boundaryLine} is how the body writes the boundary, e.g. {@code --frame}. */
        Connection stream(final String contentType, final String boundaryLine) {
            this.boundaryLine = boundaryLine;
            return write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n"
                    + "Cache-Control: no-cache\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }

        /** Responds and closes, e.g. with a 401 challenge. */
        void respondAndClose(final String statusLine, final String... headers) throws IOException {
            final StringBuilder response = new StringBuilder(statusLine).append("\r\n");
            for (final String header : headers) {
                response.append(header).append("\r\n");
            }
            write(response.append("Content-Length: 0\r\nConnection: close\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            socket.close();
        }

        /** One part: boundary line, headers, the JPEG, CRLF; {@code lengthHeader} null for no Content-Length. */
        Connection part(final byte[] jpeg, final String lengthHeader) {
            return write(partHead(jpeg, lengthHeader)).write(jpeg).write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        /** A part that stops after half its JPEG. */
        Connection halfPart(final byte[] jpeg, final String lengthHeader) {
            return write(partHead(jpeg, lengthHeader)).write(Arrays.copyOf(jpeg, jpeg.length / 2));
        }

        /** The boundary line that ends a part sent without Content-Length. */
        Connection boundary() {
            return write((boundaryLine + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }

        Connection write(final byte[] bytes) {
            try {
                out.write(bytes);
                out.flush();
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        void drop() {
            try {
                socket.close();
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Whether the client closed its end within the wait. */
        boolean closedByClientWithin(final Duration duration) throws IOException {
            socket.setSoTimeout((int) duration.toMillis());
            try {
                final InputStream in = socket.getInputStream();
                while (in.read() != -1) {
                    // a client sends nothing more on a stream; read until it hangs up
                }
                return true;
            } catch (final SocketTimeoutException e) {
                return false;
            } catch (final IOException e) {
                // a reset is a close too
                return true;
            }
        }

        private byte[] partHead(final byte[] jpeg, final String lengthHeader) {
            final String length = lengthHeader == null ? "" : lengthHeader + ": " + jpeg.length + "\r\n";
            return (boundaryLine + "\r\ncontent-TYPE: image/jpeg\r\n" + length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        private static String readLine(final InputStream in) throws IOException {
            final StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c == -1) {
                    throw new IOException("the request ended early");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}

package dev.nifiidcard.camera.grab;

import okio.BufferedSource;
import okio.ByteString;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the JPEG parts of a {@code multipart/x-mixed-replace} body as cameras actually send it.
 *
 * <p>Not {@code okhttp3.MultipartReader}: it holds back the last bytes of every part until the next boundary arrives,
 * so at one frame per second every frame would come a second late, and it cannot follow the cameras whose header
 * says {@code boundary=--myboundary} while their body says {@code --myboundary}. Here a part with a Content-Length
 * is read exactly and handed over at once; one without is read up to the next boundary line, whose exact form is
 * learned from the first one seen. Header names are case-insensitive. A part over the cap is skipped, streaming, and
 * counted; parts that are not JPEG are ignored.
 */
final class MjpegPartReader {

    private static final long MAX_LINE_BYTES = 8 * 1024;
    private static final long MAX_SKIPPED_LINE_BYTES = 64 * 1024;
    private static final int MAX_HEADER_LINES = 64;
    private static final long SKIP_CHUNK_BYTES = 64 * 1024;

    private final BufferedSource source;
    /** The boundary without any leading dashes, whichever way the camera writes them. */
    private final String boundary;
    private final int maxFrameBytes;
    private final AtomicLong oversized;
    /** "\n" and the boundary line as the camera writes it, once seen. */
    private ByteString delimiter;

    /** {@code oversized} counts the parts skipped for being larger than the cap. */
    MjpegPartReader(final BufferedSource source, final String boundary, final int maxFrameBytes, final AtomicLong oversized) {
        this.source = source;
        this.boundary = stripLeadingDashes(boundary);
        if (this.boundary.isEmpty()) {
            throw new IllegalArgumentException("empty multipart boundary");
        }
        this.maxFrameBytes = maxFrameBytes;
        this.oversized = oversized;
    }

    /**
     * The next JPEG part's bytes, or {@code null} when the stream ends between parts (or says it has no more);
     * {@link EOFException} when it ends inside one.
     */
    byte[] nextJpeg() throws IOException {
        while (skipToBoundaryLine()) {
            final byte[] body = readBody(readContentLength());
            if (body != null && ImageType.isJpeg(body)) {
                return body;
            }
        }
        return null;
    }

    /** Consumes lines through the next boundary line; false at the end of the stream or at the closing boundary. */
    private boolean skipToBoundaryLine() throws IOException {
        long skipped = 0;
        while (true) {
            final String line = readLine();
            if (line == null) {
                return false;
            }
            if (line.startsWith("--")) {
                final String name = stripLeadingDashes(line);
                if (name.equals(boundary)) {
                    if (delimiter == null) {
                        delimiter = ByteString.encodeUtf8("\n" + line);
                    }
                    return true;
                }
                if (name.equals(boundary + "--")) {
                    return false;
                }
            }
            skipped += line.length() + 1;
            if (skipped > MAX_SKIPPED_LINE_BYTES) {
                throw new ProtocolException("No multipart boundary \"" + boundary + "\" in " + skipped + " bytes");
            }
        }
    }

    /** Reads the part's headers; its Content-Length, or -1 when it has none. */
    private long readContentLength() throws IOException {
        long contentLength = -1;
        for (int lines = 0; lines < MAX_HEADER_LINES; lines++) {
            final String line = readLine();
            if (line == null) {
                throw new EOFException("The stream ended inside a part's headers");
            }
            if (line.isEmpty()) {
                return contentLength;
            }
            final int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    contentLength = Long.parseLong(line.substring(colon + 1).strip());
                } catch (final NumberFormatException e) {
                    throw new ProtocolException("Bad part Content-Length: " + line);
                }
            }
        }
        throw new ProtocolException("More than " + MAX_HEADER_LINES + " part header lines");
    }

    /** The part's body, or {@code null} when it was over the cap and skipped. */
    private byte[] readBody(final long contentLength) throws IOException {
        if (contentLength > maxFrameBytes) {
            source.skip(contentLength);
            oversized.incrementAndGet();
            return null;
        }
        if (contentLength >= 0) {
            return source.readByteArray(contentLength);
        }
        // a body of at most the cap, a CR, then the delimiter
        final long window = maxFrameBytes + 2L;
        final long end = source.indexOf(delimiter, 0, window);
        if (end == -1) {
            if (!source.request(window)) {
                throw new EOFException("The stream ended inside a part");
            }
            skipToDelimiter();
            oversized.incrementAndGet();
            return null;
        }
        final byte[] body = source.readByteArray(end);
        final int length = body.length > 0 && body[body.length - 1] == '\r' ? body.length - 1 : body.length;
        if (length > maxFrameBytes) {
            oversized.incrementAndGet();
            return null;
        }
        return length == body.length ? body : Arrays.copyOf(body, length);
    }

    /** Skips an oversized body in chunks, never holding more than a chunk of it. */
    private void skipToDelimiter() throws IOException {
        while (true) {
            final long end = source.indexOf(delimiter, 0, SKIP_CHUNK_BYTES);
            if (end != -1) {
                source.skip(end);
                return;
            }
            if (!source.request(SKIP_CHUNK_BYTES + delimiter.size())) {
                throw new EOFException("The stream ended inside a part");
            }
            source.skip(SKIP_CHUNK_BYTES);
        }
    }

    /** One line without its line break and surrounding blanks; {@code null} at the end of the stream. */
    private String readLine() throws IOException {
        final long newline = source.indexOf((byte) '\n', 0, MAX_LINE_BYTES);
        if (newline == -1) {
            if (source.request(MAX_LINE_BYTES)) {
                throw new ProtocolException("A multipart line longer than " + MAX_LINE_BYTES + " bytes");
            }
            return null;
        }
        return source.readUtf8(newline + 1).strip();
    }

    private static String stripLeadingDashes(final String value) {
        int start = 0;
        while (start < value.length() && value.charAt(start) == '-') {
            start++;
        }
        return value.substring(start);
    }
}

package dev.nifiidcard.camera.grab;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Splits a stream of concatenated JPEGs (FFmpeg's {@code image2pipe} output) into single images, byte for byte.
 *
 * <p>It walks the JPEG structure rather than searching for {@code FFD9}: marker segments are skipped by their
 * declared length (an EXIF thumbnail or any APP payload may contain {@code FFD9}), and entropy-coded data is scanned
 * for the first marker that is neither stuffing ({@code FF00}) nor a restart marker ({@code RSTn}). An image ends at
 * its EOI. It holds at most one image, and never more than the cap: an oversized image is walked to its end without
 * being kept, then counted.
 */
final class JpegStreamSplitter {

    private static final int MARKER = 0xFF;
    private static final int STUFFING = 0x00;
    private static final int TEM = 0x01;
    private static final int RST0 = 0xD0;
    private static final int RST7 = 0xD7;
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int END_OF_STREAM = -1;
    private static final int NOT_A_MARKER = -2;

    private enum Outcome { COMPLETE, RESTARTED, CORRUPT, END_OF_STREAM }

    private final InputStream in;
    private final int maxFrameBytes;
    private final AtomicLong oversized;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    private byte[] frame;
    private int frameLength;
    private boolean frameOverCap;

    /** {@code oversized} counts the images skipped for being larger than the cap. */
    JpegStreamSplitter(final InputStream in, final int maxFrameBytes, final AtomicLong oversized) {
        if (maxFrameBytes < 4) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 4");
        }
        this.in = in;
        this.maxFrameBytes = maxFrameBytes;
        this.oversized = oversized;
        this.frame = new byte[Math.min(maxFrameBytes, 64 * 1024)];
    }

    /** The next complete JPEG, or {@code null} at the end of the stream (a truncated last image is dropped). */
    byte[] next() throws IOException {
        if (!skipToStartOfImage()) {
            return null;
        }
        while (true) {
            beginImage();
            switch (readImage()) {
                case COMPLETE -> {
                    if (!frameOverCap) {
                        return Arrays.copyOf(frame, frameLength);
                    }
                    oversized.incrementAndGet();
                    if (!skipToStartOfImage()) {
                        return null;
                    }
                }
                case RESTARTED -> {
                    // a new SOI inside an image: its writer gave up on the previous one; start over from here
                }
                case CORRUPT -> {
                    if (!skipToStartOfImage()) {
                        return null;
                    }
                }
                case END_OF_STREAM -> {
                    return null;
                }
            }
        }
    }

    /** Consumes bytes up to and including the next FFD8, keeping none of them. */
    private boolean skipToStartOfImage() throws IOException {
        boolean afterMarker = false;
        while (true) {
            final int b = read();
            if (b == END_OF_STREAM) {
                return false;
            }
            if (afterMarker && b == SOI) {
                return true;
            }
            afterMarker = b == MARKER;
        }
    }

    private void beginImage() {
        frameLength = 0;
        frameOverCap = false;
        keep(MARKER);
        keep(SOI);
    }

    /** Reads the rest of an image whose SOI has been kept. */
    private Outcome readImage() throws IOException {
        int marker = readMarker();
        while (true) {
            if (marker == END_OF_STREAM) {
                return Outcome.END_OF_STREAM;
            }
            if (marker == NOT_A_MARKER || marker == STUFFING) {
                return Outcome.CORRUPT;
            }
            if (marker == EOI) {
                return Outcome.COMPLETE;
            }
            if (marker == SOI) {
                return Outcome.RESTARTED;
            }
            if (marker == TEM || (marker >= RST0 && marker <= RST7)) {
                // standalone markers: no length follows
                marker = readMarker();
                continue;
            }
            final Outcome segment = readSegmentPayload();
            if (segment != null) {
                return segment;
            }
            marker = marker == SOS ? readEntropyCodedData() : readMarker();
        }
    }

    /** The code of the marker that must come next, after optional fill bytes. */
    private int readMarker() throws IOException {
        final int b = take();
        if (b != MARKER) {
            return b == END_OF_STREAM ? END_OF_STREAM : NOT_A_MARKER;
        }
        return readMarkerCode();
    }

    private int readMarkerCode() throws IOException {
        int code = take();
        while (code == MARKER) {
            code = take();
        }
        return code;
    }

    /** Keeps a marker segment's length and payload; null when it was whole. */
    private Outcome readSegmentPayload() throws IOException {
        final int high = take();
        final int low = take();
        if (low == END_OF_STREAM) {
            return Outcome.END_OF_STREAM;
        }
        final int length = (high << 8) | low;
        if (length < 2) {
            return Outcome.CORRUPT;
        }
        return takeBytes(length - 2) ? null : Outcome.END_OF_STREAM;
    }

    /** Keeps entropy-coded data and returns the code of the marker that ends it. */
    private int readEntropyCodedData() throws IOException {
        while (true) {
            final int b = take();
            if (b == END_OF_STREAM) {
                return END_OF_STREAM;
            }
            if (b == MARKER) {
                final int code = readMarkerCode();
                if (code != STUFFING && (code < RST0 || code > RST7)) {
                    return code;
                }
            }
        }
    }

    private int take() throws IOException {
        final int b = read();
        if (b != END_OF_STREAM) {
            keep(b);
        }
        return b;
    }

    private boolean takeBytes(final int count) throws IOException {
        int remaining = count;
        while (remaining > 0) {
            if (position == limit && !fill()) {
                return false;
            }
            final int chunk = Math.min(remaining, limit - position);
            keep(buffer, position, chunk);
            position += chunk;
            remaining -= chunk;
        }
        return true;
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return END_OF_STREAM;
        }
        return buffer[position++] & 0xFF;
    }

    private boolean fill() throws IOException {
        final int n = in.read(buffer);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private void keep(final int b) {
        if (reserve(1)) {
            frame[frameLength++] = (byte) b;
        }
    }

    private void keep(final byte[] bytes, final int offset, final int count) {
        if (reserve(count)) {
            System.arraycopy(bytes, offset, frame, frameLength, count);
            frameLength += count;
        }
    }

    private boolean reserve(final int count) {
        if (frameOverCap) {
            return false;
        }
        if ((long) frameLength + count > maxFrameBytes) {
            frameOverCap = true;
            return false;
        }
        if (frameLength + count > frame.length) {
            frame = Arrays.copyOf(frame, (int) Math.min(maxFrameBytes, Math.max((long) frame.length * 2, frameLength + count)));
        }
        return true;
    }
}

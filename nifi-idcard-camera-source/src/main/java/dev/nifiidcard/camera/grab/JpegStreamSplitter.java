package dev.nifiidcard.camera.grab;

import dev.nifiidcard.commons.jpeg.JpegMarkerWalker;
import dev.nifiidcard.commons.jpeg.JpegMarkers;
import dev.nifiidcard.commons.jpeg.JpegSource;
import dev.nifiidcard.commons.jpeg.MalformedJpegException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Splits a stream of concatenated JPEGs (FFmpeg's {@code image2pipe} output) into single images, byte for byte.
 *
 * <p>It walks the JPEG structure with the shared {@link JpegMarkerWalker} rather than searching for {@code FFD9}: marker
 * segments are skipped by their declared length (an EXIF thumbnail or any APP payload may contain {@code FFD9}), and
 * entropy-coded data is scanned for the first marker that is neither stuffing ({@code FF00}) nor a restart marker
 * ({@code RSTn}). An image ends at its EOI; a new SOI before it means its writer gave up on it. It holds at most one
 * image, and never more than the cap: an oversized image is walked to its end without being kept, then counted.
 */
final class JpegStreamSplitter {

    private static final int MARKER = 0xFF;
    private static final int END_OF_STREAM = JpegSource.END;

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
    /** The walker's view of the stream: every byte it reads or skips is kept in the frame. */
    private final JpegSource keeping = new JpegSource() {
        @Override
        public int read() throws IOException {
            return take();
        }

        @Override
        public boolean skip(final int count) throws IOException {
            return takeBytes(count);
        }
    };

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
            if (afterMarker && b == JpegMarkers.SOI) {
                return true;
            }
            afterMarker = b == MARKER;
        }
    }

    private void beginImage() {
        frameLength = 0;
        frameOverCap = false;
        keep(MARKER);
        keep(JpegMarkers.SOI);
    }

    /** Reads the rest of an image whose SOI has been kept. */
    private Outcome readImage() throws IOException {
        final JpegMarkerWalker walker = new JpegMarkerWalker(keeping);
        while (true) {
            final int marker;
            try {
                marker = walker.next();
            } catch (final MalformedJpegException e) {
                return Outcome.CORRUPT;
            }
            if (marker == JpegMarkerWalker.END_OF_DATA) {
                return Outcome.END_OF_STREAM;
            }
            if (marker == JpegMarkers.EOI) {
                return Outcome.COMPLETE;
            }
            if (marker == JpegMarkers.SOI) {
                return Outcome.RESTARTED;
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

package dev.nifiidcard.commons.jpeg;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream read ahead in chunks into a buffer of its own, so that passing over a multi-megabyte scan costs a tight
 * loop over an array, not a (locked) stream call per byte.
 */
final class ReadAheadJpegSource implements JpegSource {

    private static final int CHUNK = 16 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[CHUNK];
    private int position;
    private int limit;

    ReadAheadJpegSource(final InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return END;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public boolean skip(final int count) throws IOException {
        int remaining = count;
        while (remaining > 0) {
            if (position == limit && !fill()) {
                return false;
            }
            final int passed = Math.min(remaining, limit - position);
            position += passed;
            remaining -= passed;
        }
        return true;
    }

    @Override
    public int skipToPrefix() throws IOException {
        while (position < limit || fill()) {
            while (position < limit) {
                if (buffer[position++] == (byte) JpegMarkers.PREFIX) {
                    return JpegMarkers.PREFIX;
                }
            }
        }
        return END;
    }

    /** The next chunk; false at the end of the stream. */
    private boolean fill() throws IOException {
        final int read = in.read(buffer, 0, CHUNK);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }
}

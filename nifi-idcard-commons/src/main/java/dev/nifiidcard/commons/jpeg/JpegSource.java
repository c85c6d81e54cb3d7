package dev.nifiidcard.commons.jpeg;

import java.io.IOException;
import java.io.InputStream;

/** The bytes a {@link JpegMarkerWalker} walks, from wherever they are: an array, a stream, a stream being split. */
public interface JpegSource {

    /** What {@link #read()} returns once the data has ended. */
    int END = -1;

    /** The next byte, or {@link #END}. */
    int read() throws IOException;

    /** Passes over {@code count} bytes; false when the data ends first. */
    boolean skip(int count) throws IOException;

    /**
     * Passes over the bytes up to and including the next {@code FF}: {@code FF} (0xFF), or {@link #END} when the data
     * ends first. The walk spends nearly all its time here, inside a scan's entropy-coded data: sources that hold a
     * buffer scan it without a call per byte.
     */
    default int skipToPrefix() throws IOException {
        int b;
        do {
            b = read();
        } while (b != JpegMarkers.PREFIX && b != END);
        return b;
    }

    /** Reads {@code in} a byte at a time and never beyond what the walk asks for: pass a buffering stream. */
    static JpegSource of(final InputStream in) {
        return new InputStreamJpegSource(in);
    }

    /** Reads {@code in} ahead in chunks, for a walk to the end of the data: the stream is of no use afterwards. */
    static JpegSource readAhead(final InputStream in) {
        return new ReadAheadJpegSource(in);
    }
}

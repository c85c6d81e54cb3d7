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

    /** Reads {@code in} a byte at a time and never beyond what the walk asks for: pass a buffering stream. */
    static JpegSource of(final InputStream in) {
        return new InputStreamJpegSource(in);
    }
}

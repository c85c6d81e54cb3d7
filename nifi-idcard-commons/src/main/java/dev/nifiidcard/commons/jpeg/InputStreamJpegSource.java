package dev.nifiidcard.commons.jpeg;

import java.io.IOException;
import java.io.InputStream;

/** A stream read no further than the walk goes, so that its reader can go on from there. */
final class InputStreamJpegSource implements JpegSource {

    private final InputStream in;

    InputStreamJpegSource(final InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        return in.read();
    }

    @Override
    public boolean skip(final int count) throws IOException {
        long remaining = count;
        while (remaining > 0) {
            final long skipped = in.skip(remaining);
            if (skipped > 0) {
                remaining -= skipped;
            } else if (in.read() == END) {
                // skip() may pass over nothing before the end: only read() tells the end apart
                return false;
            } else {
                remaining--;
            }
        }
        return true;
    }
}

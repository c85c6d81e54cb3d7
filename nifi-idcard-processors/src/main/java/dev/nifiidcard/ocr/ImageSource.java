package dev.nifiidcard.ocr;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Image content that can be read more than once from the start, such as FlowFile content in the content
 * repository. Providers stream from it and never need the whole image in memory.
 */
public interface ImageSource {

    /** Length in bytes. */
    long length();

    /** A new stream positioned at the first byte; the caller closes it. */
    InputStream open() throws IOException;

    /** An image already in memory: the array itself, never copied, so it must not change while in use. */
    static ImageSource of(final byte[] bytes) {
        return new ImageSource() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }
}

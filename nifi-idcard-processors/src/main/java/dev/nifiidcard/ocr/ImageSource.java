package dev.nifiidcard.ocr;

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
}

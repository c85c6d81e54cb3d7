package dev.nifiidcard.ocr;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Image content that can be read more than once from the start, such as FlowFile content in the content
 * repository. Providers stream from it and never need the whole image in memory.
 * <p>
 * {@link #open()} may only be called on the thread that called {@link IdCardOcrService#recognize}, before it
 * returns: the processor's source is its session's stream, which is neither thread-safe nor valid after the call.
 * Send the request on the calling thread (OkHttp's {@code execute()}, not {@code enqueue()}).
 */
public interface ImageSource {

    /** Length in bytes. */
    long length();

    /** A new stream positioned at the first byte; the caller closes it. Only on the thread that called recognize. */
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

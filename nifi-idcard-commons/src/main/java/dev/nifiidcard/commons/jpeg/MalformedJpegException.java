package dev.nifiidcard.commons.jpeg;

import java.io.IOException;

/** The bytes start as a JPEG but break its structure; data that merely ends early is an {@link java.io.EOFException}. */
public class MalformedJpegException extends IOException {

    public MalformedJpegException(final String message) {
        super(message);
    }
}

package dev.nifiidcard.camera;

import java.time.Instant;
import java.util.Map;

/**
 * One image from a camera, as the camera produced it (its own JPEG bytes where it has them).
 *
 * @param bytes     the encoded image
 * @param mimeType  its type, normally {@code image/jpeg}
 * @param timestamp when it was captured (or received)
 * @param metadata  backend facts worth an attribute, for example the specimen's fields; never credentials
 */
public record Frame(byte[] bytes, String mimeType, Instant timestamp, Map<String, String> metadata) {

    public static final String JPEG = "image/jpeg";

    public Frame {
        metadata = Map.copyOf(metadata);
    }

    public static Frame jpeg(final byte[] bytes, final Instant timestamp) {
        return new Frame(bytes, JPEG, timestamp, Map.of());
    }

    @Override
    public String toString() {
        return "Frame[" + bytes.length + " bytes " + mimeType + " at " + timestamp + "]";
    }
}

package dev.nifiidcard.camera.grab;

import dev.nifiidcard.camera.Frame;

import java.util.Arrays;

/** Recognizes the encoded images a camera may serve by their magic numbers, whatever their headers claim. */
final class ImageType {

    static final String PNG = "image/png";

    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageType() {
    }

    static boolean isJpeg(final byte[] bytes) {
        return startsWith(bytes, JPEG_MAGIC);
    }

    /** {@code image/jpeg}, {@code image/png}, or {@code null} for anything else. */
    static String mimeType(final byte[] bytes) {
        if (isJpeg(bytes)) {
            return Frame.JPEG;
        }
        return startsWith(bytes, PNG_MAGIC) ? PNG : null;
    }

    private static boolean startsWith(final byte[] bytes, final byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}

package dev.nifiidcard.commons.jpeg;

import java.io.ByteArrayOutputStream;

/** Hand-made JPEG structures: markers, segments and raw bytes in the order they are added. */
final class TestJpeg {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static TestJpeg startOfImage() {
        return new TestJpeg().bytes(0xFF, JpegMarkers.SOI);
    }

    TestJpeg bytes(final int... values) {
        for (final int value : values) {
            out.write(value);
        }
        return this;
    }

    TestJpeg segment(final int marker, final byte[] payload) {
        bytes(0xFF, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xFF);
        out.writeBytes(payload);
        return this;
    }

    /** A one-component SOF0: 13 bytes with its marker. */
    TestJpeg frameHeader(final int width, final int height) {
        return segment(0xC0, frameHeaderPayload(width, height));
    }

    /** A scan header and entropy-coded data that holds stuffing and a restart marker. */
    TestJpeg scan() {
        return segment(JpegMarkers.SOS, new byte[] {1, 1, 0, 0, 0x3F, 0}).bytes(0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56);
    }

    TestJpeg endOfImage() {
        return bytes(0xFF, JpegMarkers.EOI);
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    static byte[] frameHeaderPayload(final int width, final int height) {
        return new TestJpeg().bytes(8, height >> 8, height & 0xFF, width >> 8, width & 0xFF, 1, 1, 0x11, 0).toBytes();
    }

    /** A whole frame header, marker and length included, as bytes to hide inside another segment. */
    static byte[] frameHeaderBytes(final int width, final int height) {
        return new TestJpeg().frameHeader(width, height).toBytes();
    }
}

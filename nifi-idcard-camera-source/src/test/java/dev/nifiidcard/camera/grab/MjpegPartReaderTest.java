package dev.nifiidcard.camera.grab;

import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MjpegPartReaderTest {

    private final byte[] jpeg = TestImages.jpeg(48, 32, 1);
    private final AtomicLong oversized = new AtomicLong();

    @Test
    void aPartWithoutLengthExactlyAtTheCapIsKeptAndOneByteMoreIsNot() throws IOException {
        final Buffer stream = new Buffer()
                .writeUtf8("--frame\r\n\r\n").write(jpeg).writeUtf8("\r\n")
                .writeUtf8("--frame\r\n\r\n").write(jpeg).writeUtf8("X\r\n")
                .writeUtf8("--frame--\r\n");

        final MjpegPartReader reader = new MjpegPartReader(stream, "frame", jpeg.length, oversized);

        assertArrayEquals(jpeg, reader.nextJpeg());
        assertNull(reader.nextJpeg(), "the closing boundary ends the parts");
        assertEquals(1, oversized.get());
    }

    @Test
    void skipsAPreambleAndPartsThatAreNotJpeg() throws IOException {
        final Buffer stream = new Buffer()
                .writeUtf8("\r\nThis is a multi-part message.\r\n")
                .writeUtf8("--frame\r\nContent-Type: text/plain\r\n\r\nhello\r\n")
                .writeUtf8("--frame\r\nContent-Type: image/jpeg\r\ncontent-length: " + jpeg.length + "\r\n\r\n").write(jpeg);

        final MjpegPartReader reader = new MjpegPartReader(stream, "frame", 1 << 20, oversized);

        assertArrayEquals(jpeg, reader.nextJpeg(), "a part with its length is complete without the next boundary");
        assertNull(reader.nextJpeg());
    }

    @Test
    void anEndInsideAPartIsAnError() {
        final Buffer withLength = new Buffer()
                .writeUtf8("--frame\r\nContent-Length: " + jpeg.length + "\r\n\r\n").write(jpeg, 0, jpeg.length - 1);
        final Buffer withoutLength = new Buffer().writeUtf8("--frame\r\n\r\n").write(jpeg);

        assertThrows(EOFException.class, () -> new MjpegPartReader(withLength, "frame", 1 << 20, oversized).nextJpeg());
        assertThrows(EOFException.class, () -> new MjpegPartReader(withoutLength, "frame", 1 << 20, oversized).nextJpeg());
    }

    @Test
    void aStreamWithoutItsBoundaryIsAnError() {
        final Buffer stream = new Buffer();
        for (int i = 0; i < 10_000; i++) {
            stream.writeUtf8("--other\r\n");
        }

        assertThrows(ProtocolException.class, () -> new MjpegPartReader(stream, "frame", 1 << 20, oversized).nextJpeg());
    }
}

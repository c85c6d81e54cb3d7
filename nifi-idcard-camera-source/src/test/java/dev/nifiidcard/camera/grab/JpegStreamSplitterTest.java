package dev.nifiidcard.camera.grab;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JpegStreamSplitterTest {

    private static final int CAP = 1024 * 1024;
    private static final byte[] JUNK = {0x00, (byte) 0xFF, 0x12, (byte) 0xFF, (byte) 0xFF, 0x34};

    @Test
    void splitsConcatenatedJpegsByteForByte() throws IOException {
        final byte[] first = TestImages.jpeg(64, 48, 1);
        final byte[] second = TestImages.jpeg(80, 60, 2);
        final byte[] third = TestImages.jpeg(64, 48, 3);
        assertTrue(TestImages.containsMarker(first, 0x00, 0x00), "the fixture has FF00 stuffing");

        final List<byte[]> images = split(CAP, JUNK, first, second, JUNK, third);

        assertEquals(3, images.size());
        assertArrayEquals(first, images.get(0));
        assertArrayEquals(second, images.get(1));
        assertArrayEquals(third, images.get(2));
        assertEquals(80, TestImages.decode(images.get(1)).getWidth());
    }

    @Test
    void restartMarkersDoNotEndTheImage() throws IOException {
        final byte[] withRestarts = TestImages.jpegWithRestartMarkers(64, 48, 4);
        final byte[] next = TestImages.jpeg(64, 48, 5);
        assertTrue(TestImages.containsMarker(withRestarts, 0xD0, 0xD7), "the fixture has RSTn markers");

        final List<byte[]> images = split(CAP, withRestarts, next);

        assertEquals(2, images.size());
        assertArrayEquals(withRestarts, images.get(0));
        assertArrayEquals(next, images.get(1));
        assertEquals(48, TestImages.decode(images.get(0)).getHeight());
    }

    @Test
    void segmentsAreSkippedByTheirLengthAndEntropyDataByItsMarkers() throws IOException {
        final byte[] image = bytes(
                0xFF, 0xD8,
                0xFF, 0xE1, 0x00, 0x08, 0xFF, 0xD9, 0xFF, 0xD8, 0x12, 0x34, // APP1 whose payload holds EOI and SOI
                0xFF, 0xDA, 0x00, 0x04, 0x01, 0x02, // SOS header
                0xAA, 0xFF, 0x00, 0xBB, 0xFF, 0xD3, 0xCC, 0xFF, 0xFF, 0xD4, 0xDD, // stuffing, RST3, fill byte then RST4
                0xFF, 0xD9);

        final List<byte[]> images = split(CAP, image, image);

        assertEquals(2, images.size());
        assertArrayEquals(image, images.get(0));
        assertArrayEquals(image, images.get(1));
    }

    @Test
    void strayBytesBetweenSegmentsAreKeptAsLibjpegSkipsThem() throws IOException {
        final byte[] image = bytes(
                0xFF, 0xD8,
                0xFF, 0xE0, 0x00, 0x04, 0x12, 0x34,
                0x56, 0xFF, 0x00, 0xFF, 0xFF, // a stray byte, FF00, then fill bytes before the next marker
                0xFF, 0xDA, 0x00, 0x04, 0x01, 0x02,
                0xAA, 0xFF, 0xD9);

        final List<byte[]> images = split(CAP, image, JUNK, image);

        assertEquals(2, images.size());
        assertArrayEquals(image, images.get(0));
        assertArrayEquals(image, images.get(1));
    }

    @Test
    void aTruncatedLastImageIsDropped() throws IOException {
        final byte[] whole = TestImages.jpeg(64, 48, 6);
        final byte[] cut = TestImages.jpeg(64, 48, 7);

        final List<byte[]> images = split(CAP, whole, Arrays.copyOf(cut, cut.length / 2));

        assertEquals(1, images.size());
        assertArrayEquals(whole, images.getFirst());
    }

    @Test
    void anImageCutShortByANewOneIsDropped() throws IOException {
        final byte[] cut = TestImages.jpeg(64, 48, 8);
        final byte[] whole = TestImages.jpeg(64, 48, 9);

        final List<byte[]> images = split(CAP, Arrays.copyOf(cut, cut.length / 2), whole);

        assertEquals(1, images.size());
        assertArrayEquals(whole, images.getFirst());
    }

    @Test
    void anImageOverTheCapIsSkippedAndCounted() throws IOException {
        final byte[] small = TestImages.jpeg(32, 32, 10);
        final byte[] large = TestImages.jpeg(160, 120, 11);
        final byte[] alsoSmall = TestImages.jpeg(32, 32, 12);
        final int cap = Math.max(small.length, alsoSmall.length);
        assertTrue(large.length > cap);

        final AtomicLong oversized = new AtomicLong();
        final JpegStreamSplitter splitter = splitter(cap, oversized, small, large, alsoSmall);

        assertArrayEquals(small, splitter.next());
        assertArrayEquals(alsoSmall, splitter.next());
        assertEquals(null, splitter.next());
        assertEquals(1, oversized.get());
    }

    @Test
    void aStreamWithoutImagesYieldsNone() throws IOException {
        assertEquals(List.of(), split(CAP, JUNK));
        assertEquals(List.of(), split(CAP));
    }

    private static List<byte[]> split(final int cap, final byte[]... parts) throws IOException {
        final JpegStreamSplitter splitter = splitter(cap, new AtomicLong(), parts);
        final List<byte[]> images = new ArrayList<>();
        for (byte[] image = splitter.next(); image != null; image = splitter.next()) {
            images.add(image);
        }
        return images;
    }

    private static JpegStreamSplitter splitter(final int cap, final AtomicLong oversized, final byte[]... parts) {
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (final byte[] part : parts) {
            stream.writeBytes(part);
        }
        return new JpegStreamSplitter(new TrickleInputStream(stream.toByteArray()), cap, oversized);
    }

    private static byte[] bytes(final int... values) {
        final byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** Hands out a few bytes per read, as a pipe does, so that every structure is split across reads somewhere. */
    private static final class TrickleInputStream extends InputStream {

        private final ByteArrayInputStream in;
        private final Random random = new Random(42);

        TrickleInputStream(final byte[] bytes) {
            this.in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(final byte[] b, final int off, final int len) {
            return in.read(b, off, Math.min(len, 1 + random.nextInt(7)));
        }
    }
}

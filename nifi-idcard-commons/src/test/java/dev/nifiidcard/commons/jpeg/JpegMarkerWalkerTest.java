package dev.nifiidcard.commons.jpeg;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JpegMarkerWalkerTest {

    private static final int APP1 = 0xE1;

    @Test
    void stuffedZeroBeforeTheFrameHeaderIsStrayNotASegment() throws IOException {
        // read as a segment, FF 00 00 13 would skip the next 17 bytes: the real frame header and the comment's own
        // header, landing on the fake 500x320 frame header inside the comment; libjpeg decodes 30000x30000
        final byte[] jpeg = TestJpeg.startOfImage()
                .bytes(0xFF, 0x00, 0x00, 0x13)
                .frameHeader(30_000, 30_000)
                .segment(JpegMarkers.COM, TestJpeg.frameHeaderBytes(500, 320))
                .scan()
                .endOfImage()
                .toBytes();

        assertEquals(new JpegFrameSize(30_000, 30_000), frameSize(jpeg));
        assertEquals(new JpegFrameSize(30_000, 30_000), frameSizeFromStream(jpeg));
    }

    @Test
    void readPayloadReturnsTheWholeFrameHeaderAndTheWalkGoesOnAfterIt() throws IOException {
        final byte[] jpeg = TestJpeg.startOfImage().frameHeader(640, 400).scan().endOfImage().toBytes();
        final JpegMarkerWalker walker = walker(jpeg);
        int marker = walker.next();
        while (!JpegMarkers.isStartOfFrame(marker)) {
            marker = walker.next();
        }
        final byte[] segment = TestJpeg.frameHeaderBytes(640, 400);
        // the segment less its marker and length
        final byte[] payload = Arrays.copyOfRange(segment, 4, segment.length);
        assertEquals(payload.length, walker.payloadLength());
        assertTrue(Arrays.equals(payload, walker.readPayload()));
        assertTrue(walker.reachesEndOfImage());
        assertThrows(EOFException.class, () -> {
            final JpegMarkerWalker cut = walker(Arrays.copyOf(jpeg, 8));
            cut.next();
            cut.readPayload();
        });
    }

    @Test
    void fillBytesAndStrayBytesBeforeAMarkerAreSkipped() throws IOException {
        final byte[] jpeg = TestJpeg.startOfImage()
                .bytes(0xFF, 0xFF, 0xFF)
                .segment(0xE0, "JFIF\0".getBytes(StandardCharsets.US_ASCII))
                .bytes(0x12, 0x34, 0xFF, 0x00, 0xFF, 0xFF)
                .frameHeader(640, 400)
                .scan()
                .endOfImage()
                .toBytes();

        assertEquals(new JpegFrameSize(640, 400), frameSize(jpeg));
        assertTrue(walker(jpeg).reachesEndOfImage());
    }

    @Test
    void payloadsArePassedOverByTheirLengthNotSearched() throws IOException {
        // an EXIF thumbnail: a whole JPEG, frame header and EOI included, inside APP1
        final byte[] thumbnail = TestJpeg.startOfImage().frameHeader(160, 120).scan().endOfImage().toBytes();
        final byte[] jpeg = TestJpeg.startOfImage().segment(APP1, thumbnail).frameHeader(640, 400).scan().endOfImage().toBytes();
        final byte[] cutInItsScan = Arrays.copyOf(jpeg, jpeg.length - 4);

        assertEquals(new JpegFrameSize(640, 400), frameSize(jpeg));
        assertTrue(walker(jpeg).reachesEndOfImage());
        assertFalse(walker(cutInItsScan).reachesEndOfImage(), "the thumbnail's EOI is not the image's");
    }

    @Test
    void scansArePassedOverUpToTheMarkerThatEndsThem() throws IOException {
        final byte[] jpeg = TestJpeg.startOfImage().frameHeader(640, 400).scan()
                .bytes(0xFF, 0xFF, 0xD7, 0x78)
                .scan()
                .endOfImage()
                .bytes(0x00, 0xFF, 0xD9)
                .toBytes();
        final JpegMarkerWalker walker = walker(jpeg);

        assertEquals(0xC0, walker.next());
        assertEquals(9, walker.payloadLength());
        assertEquals(JpegMarkers.SOS, walker.next());
        assertEquals(JpegMarkers.SOS, walker.next(), "stuffing, fill bytes and RSTn do not end a scan");
        assertEquals(JpegMarkers.EOI, walker.next());
        assertFalse(walker(Arrays.copyOf(jpeg, jpeg.length - 5)).reachesEndOfImage());
    }

    @Test
    void theFrameSizeLeavesTheStreamBetweenSegments() throws IOException {
        final byte[] jpeg = TestJpeg.startOfImage().frameHeader(640, 400).scan().endOfImage().toBytes();
        final InputStream in = new ByteArrayInputStream(jpeg);

        assertEquals(new JpegFrameSize(640, 400), JpegMarkerWalker.afterStartOfImage(JpegSource.of(in)).frameSize());
        assertTrue(new JpegMarkerWalker(JpegSource.of(in)).reachesEndOfImage());
    }

    @Test
    void brokenStructureIsMalformedAndMissingBytesAreTheEnd() {
        final byte[] noFrameHeader = TestJpeg.startOfImage().scan().endOfImage().toBytes();
        final byte[] invalidLength = TestJpeg.startOfImage().bytes(0xFF, 0xE0, 0x00, 0x01).toBytes();
        final byte[] shortFrameHeader = TestJpeg.startOfImage().segment(0xC0, new byte[] {8, 1, 0}).toBytes();
        final byte[] cutInFrameHeader = Arrays.copyOf(TestJpeg.startOfImage().frameHeader(640, 400).toBytes(), 8);

        assertThrows(MalformedJpegException.class, () -> frameSize("GIF89a".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(assertThrows(MalformedJpegException.class, () -> frameSize(noFrameHeader)).getMessage().contains("no frame header"));
        assertTrue(assertThrows(MalformedJpegException.class, () -> frameSize(invalidLength)).getMessage().contains("invalid length"));
        assertThrows(MalformedJpegException.class, () -> frameSize(shortFrameHeader));
        assertThrows(EOFException.class, () -> frameSize(cutInFrameHeader));
        assertThrows(EOFException.class, () -> frameSize(TestJpeg.startOfImage().toBytes()));
    }

    @Test
    void aByteArraySourceTellsWherePayloadsStart() throws IOException {
        final byte[] jpeg = TestJpeg.startOfImage().segment(JpegMarkers.COM, new byte[] {'h', 'i'}).toBytes();
        final ByteArrayJpegSource source = new ByteArrayJpegSource(jpeg);
        final JpegMarkerWalker walker = JpegMarkerWalker.afterStartOfImage(source);

        assertEquals(JpegMarkers.COM, walker.next());
        assertEquals(6, source.position());
        assertEquals(JpegMarkerWalker.END_OF_DATA, walker.next());
        assertEquals(jpeg.length, source.position());
    }

    @Test
    void everySourceWalksAScanSpanningManyChunksAlike() throws IOException {
        // 40 KB of entropy-coded data, stuffed FF 00 and fill bytes FF FF D0 (a restart) at every offset around the
        // read-ahead source's 16 KB chunk boundary, so that a prefix split from its code is read across two chunks
        final TestJpeg builder = TestJpeg.startOfImage().frameHeader(640, 400).scan();
        final Random random = new Random(7);
        for (int i = 0; i < 40_000; i++) {
            final int b = random.nextInt(0xFF);
            builder.bytes(b);
            if (i % 997 == 0 || (i > 16_370 && i < 16_400)) {
                builder.bytes(0xFF, 0x00);
            }
            if (i % 4_099 == 0) {
                builder.bytes(0xFF, 0xFF, 0xD0 + (i % 8));
            }
        }
        final byte[] jpeg = builder.endOfImage().bytes(0x00, 0xFF, 0xD9).toBytes();
        final byte[] cut = Arrays.copyOf(jpeg, jpeg.length - 6);

        for (final byte[] image : List.of(jpeg, cut)) {
            final boolean whole = image == jpeg;
            assertEquals(whole, walker(image).reachesEndOfImage());
            assertEquals(whole, JpegMarkerWalker.afterStartOfImage(JpegSource.of(new ByteArrayInputStream(image))).reachesEndOfImage());
            assertEquals(whole, JpegMarkerWalker.afterStartOfImage(JpegSource.readAhead(new ByteArrayInputStream(image))).reachesEndOfImage());
        }
        final JpegMarkerWalker readAhead = JpegMarkerWalker.afterStartOfImage(JpegSource.readAhead(new ByteArrayInputStream(jpeg)));
        assertEquals(new JpegFrameSize(640, 400), readAhead.frameSize());
        assertEquals(JpegMarkers.SOS, readAhead.next());
        assertEquals(JpegMarkers.EOI, readAhead.next(), "stuffing, fill bytes and restarts across chunks do not end the scan");
    }

    private static JpegFrameSize frameSize(final byte[] jpeg) throws IOException {
        return JpegMarkerWalker.afterStartOfImage(new ByteArrayJpegSource(jpeg)).frameSize();
    }

    private static JpegFrameSize frameSizeFromStream(final byte[] jpeg) throws IOException {
        return JpegMarkerWalker.afterStartOfImage(JpegSource.of(new ByteArrayInputStream(jpeg))).frameSize();
    }

    private static JpegMarkerWalker walker(final byte[] jpeg) throws IOException {
        return JpegMarkerWalker.afterStartOfImage(new ByteArrayJpegSource(jpeg));
    }
}

package dev.nifiidcard.camera.gate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever a frame claims, the gate's decode refuses it cheaply or decodes it within a bounded budget. Nothing is
 * timed: the bound is checked by the refusal's reason (which says ImageIO was never asked) and by the bytes the
 * thread allocated.
 */
class HostileFrameTest {

    /** Far below what a decode at the claimed size would allocate (171 to 193 MB in issue 13). */
    private static final long ALLOCATION_CAP = 8L << 20;

    @ParameterizedTest(name = "{0}x{1} claimed by a {2}x{3} frame")
    @CsvSource({
            "10000, 10000, 160, 120, larger than 40000000 pixels",
            "2368, 38184, 16, 16, larger than 40000000 pixels",
            "6000, 6000, 64, 48, cannot hold the 843750 blocks",
            "1920, 1080, 16, 16, cannot hold",
    })
    void frameClaimingMorePixelsThanItsBytesCanHoldIsRefusedWithoutImageIo(final int claimedWidth, final int claimedHeight,
                                                                           final int width, final int height,
                                                                           final String reason) throws IOException {
        final byte[] hostile = HostileFrames.claimingSize(HostileFrames.baseline(width, height), claimedWidth, claimedHeight);

        final IOException e = refusedWithin(hostile);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void progressiveJpegWithThousandsOfScansIsRefusedBeforeImageIo() throws IOException {
        final byte[] hostile = HostileFrames.progressiveWithScans(3000);

        final IOException e = refusedWithin(hostile);
        assertTrue(e.getMessage().contains("more than 32 scans"), e.getMessage());
    }

    @Test
    void progressiveJpegWithTheUsualScansIsStillDecoded() throws IOException {
        final ScaledLuma luma = ScaledJpegDecoder.decode(HostileFrames.progressiveWithScans(0), 4);
        assertTrue(luma.fallback());
    }

    @Test
    void huffmanTableFloodIsRefusedWithoutAllocatingATableEach() throws IOException {
        final byte[] hostile = HostileFrames.huffmanFlood(HostileFrames.baseline(64, 48), 60_000);
        assertTrue(hostile.length > 1_000_000);

        final IOException e = refusedWithin(hostile);
        assertTrue(e.getMessage().contains("Huffman tables"), e.getMessage());
    }

    @Test
    void motionJpegFrameWithoutHuffmanTablesIsDecodedWithTheStandardOnes() throws IOException {
        final byte[] jpeg = HostileFrames.baseline(320, 240);
        final byte[] withoutTables = HostileFrames.withoutHuffmanTables(jpeg);
        assertTrue(withoutTables.length < jpeg.length - 400, "the DHT segments are gone");

        final ScaledLuma luma = ScaledJpegDecoder.decode(withoutTables, 4);

        assertFalse(luma.fallback());
        assertArrayEquals(ScaledJpegDecoder.decode(jpeg, 4).pixels(), luma.pixels());
    }

    @Test
    void arithmeticCodedJpegIsRefusedAsUnsupportedWithoutImageIo() throws IOException {
        final byte[] arithmetic = HostileFrames.withFrameMarker(HostileFrames.baseline(64, 48), 0xC9);

        final IOException e = refusedWithin(arithmetic);
        assertTrue(e.getMessage().contains("arithmetic"), e.getMessage());
    }

    @Test
    void otherFormatsLargerThanImageIoMayDecodeAreRefusedFromTheirHeader() throws IOException {
        final java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(4000, 3000, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", png);

        final IOException e = refusedWithin(png.toByteArray());
        assertTrue(e.getMessage().contains("4000x3000, larger than"), e.getMessage());
    }

    /** Issue 13, finding 10: {@code FF 00} between segments is stray, as libjpeg reads it, not a segment with a length. */
    @Test
    void strayBytesBetweenSegmentsHideNoFrameHeader() throws IOException {
        final byte[] jpeg = HostileFrames.baseline(96, 64);
        final byte[] stray = new byte[jpeg.length + 4];
        stray[0] = jpeg[0];
        stray[1] = jpeg[1];
        // read as a segment of length 0x40, this would skip the real tables and frame header
        System.arraycopy(new byte[] {(byte) 0xFF, 0x00, 0x00, 0x40}, 0, stray, 2, 4);
        System.arraycopy(jpeg, 2, stray, 6, jpeg.length - 2);

        assertEquals(new FrameSize(96, 64), JpegSegments.size(stray));
        assertArrayEquals(ScaledJpegDecoder.decode(jpeg, 4).pixels(), ScaledJpegDecoder.decode(stray, 4).pixels());
    }

    private static IOException refusedWithin(final byte[] hostile) {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        final IOException e = assertThrows(IOException.class, () -> ScaledJpegDecoder.decode(hostile, 4));
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < ALLOCATION_CAP + hostile.length, "allocated " + allocated + " bytes: " + e);
        assertTrue(e.getSuppressed().length == 0 && e.getCause() == null, "no second decoder was tried: " + e);
        return e;
    }
}

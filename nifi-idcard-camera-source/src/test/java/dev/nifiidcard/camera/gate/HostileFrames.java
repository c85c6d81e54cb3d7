package dev.nifiidcard.camera.gate;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Hostile frames, built from ordinary test JPEGs the way the fuzzing of issue 13 built them: headers that claim far
 * more than the bytes hold, progressive files with thousands of scans, Huffman table floods, Motion-JPEG frames
 * without their tables, and other coding processes.
 */
final class HostileFrames {

    private HostileFrames() {
    }

    static byte[] baseline(final int width, final int height) {
        return TestJpegs.jpeg(TestJpegs.photo(width, height, 11, BufferedImage.TYPE_3BYTE_BGR), 0.8f);
    }

    /** The JPEG with its frame header claiming another size; the scan data stays that of the real size. */
    static byte[] claimingSize(final byte[] jpeg, final int width, final int height) throws IOException {
        final byte[] hostile = jpeg.clone();
        final JpegSegments.Segment frame = segment(hostile, 0xC0);
        hostile[frame.offset() + 1] = (byte) (height >> 8);
        hostile[frame.offset() + 2] = (byte) height;
        hostile[frame.offset() + 3] = (byte) (width >> 8);
        hostile[frame.offset() + 4] = (byte) width;
        return hostile;
    }

    /** The JPEG with its SOF0 marker changed, for example to SOF9 (arithmetic coding). */
    static byte[] withFrameMarker(final byte[] jpeg, final int marker) throws IOException {
        final byte[] hostile = jpeg.clone();
        hostile[segment(hostile, 0xC0).offset() - 3] = (byte) marker;
        return hostile;
    }

    /** A small progressive JPEG whose last scan is repeated until it has {@code scans} scans. */
    static byte[] progressiveWithScans(final int scans) throws IOException {
        return repeatingLastScan(TestJpegs.jpeg(TestJpegs.photo(64, 48, 12, BufferedImage.TYPE_3BYTE_BGR), 0.8f, 2, 2, 0, true), scans);
    }

    /** The progressive JPEG with its last scan repeated until it has {@code scans} scans. */
    static byte[] repeatingLastScan(final byte[] jpeg, final int scans) throws IOException {
        final List<JpegSegments.Segment> segments = scanHeaders(jpeg);
        final int lastScan = segments.getLast().offset() - 4;
        final int eoi = jpeg.length - 2;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, eoi);
        for (int i = segments.size(); i < scans; i++) {
            out.write(jpeg, lastScan, eoi - lastScan);
        }
        out.write(jpeg, eoi, 2);
        return out.toByteArray();
    }

    /** The JPEG with {@code tables} one-code DC Huffman tables defined right after SOI, in as many DHT segments as needed. */
    static byte[] huffmanFlood(final byte[] jpeg, final int tables) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        final int perSegment = 65_000 / 18;
        for (int written = 0; written < tables; written += perSegment) {
            final int count = Math.min(perSegment, tables - written);
            out.write(0xFF);
            out.write(0xC4);
            out.write((2 + 18 * count) >> 8);
            out.write(2 + 18 * count);
            for (int i = 0; i < count; i++) {
                out.write(0x00); // DC table 0
                out.write(1); // one code of length 1 ...
                out.writeBytes(new byte[15]);
                out.write(0); // ... for symbol 0
            }
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The JPEG without its DHT segments, as a UVC camera sends Motion-JPEG: the standard tables are implied. */
    static byte[] withoutHuffmanTables(final byte[] jpeg) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = 0;
        for (final JpegSegments.Segment segment : JpegSegments.read(jpeg)) {
            if (segment.marker() == 0xC4) {
                out.write(jpeg, from, segment.offset() - 4 - from);
                from = segment.offset() + segment.length();
            }
        }
        out.write(jpeg, from, jpeg.length - from);
        return out.toByteArray();
    }

    private static List<JpegSegments.Segment> scanHeaders(final byte[] jpeg) throws IOException {
        final JpegSegments walk = JpegSegments.of(jpeg);
        final List<JpegSegments.Segment> scans = new java.util.ArrayList<>();
        try {
            while (true) {
                scans.add(walk.upToNextScan().getLast());
            }
        } catch (final IOException endOfImage) {
            return scans;
        }
    }

    private static JpegSegments.Segment segment(final byte[] jpeg, final int marker) throws IOException {
        return JpegSegments.read(jpeg).stream().filter(s -> s.marker() == marker).findFirst().orElseThrow();
    }
}

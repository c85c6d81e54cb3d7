package dev.nifiidcard.camera.gate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Walks the marker segments of a JPEG header, from SOI up to the first scan, without decoding anything. */
public final class JpegSegments {

    public static final int SOI = 0xD8;
    public static final int EOI = 0xD9;
    public static final int SOS = 0xDA;
    public static final int COM = 0xFE;

    private JpegSegments() {
    }

    /**
     * One marker segment.
     *
     * @param marker the marker's second byte, for example {@code 0xFE} for COM
     * @param offset where the payload starts (after the two length bytes)
     * @param length the payload's length
     */
    public record Segment(int marker, int offset, int length) {
    }

    /**
     * The segments from SOI up to and including the first SOS (whose payload is the scan header), in file order.
     *
     * @throws IOException when the bytes are not a JPEG or a segment runs past the end
     */
    public static List<Segment> read(final byte[] jpeg) throws IOException {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != SOI) {
            throw new IOException("Not a JPEG: it does not start with SOI");
        }
        return readFrom(jpeg, 2);
    }

    /** The segments from {@code pos} up to and including the next SOS. */
    static List<Segment> readFrom(final byte[] jpeg, final int start) throws IOException {
        final List<Segment> segments = new ArrayList<>();
        int pos = start;
        while (true) {
            if (pos >= jpeg.length || (jpeg[pos] & 0xFF) != 0xFF) {
                throw new IOException("The JPEG header is corrupt or truncated at byte " + pos);
            }
            // any number of 0xFF fill bytes may precede a marker
            while (pos < jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos >= jpeg.length) {
                throw new IOException("The JPEG header is truncated");
            }
            final int marker = jpeg[pos++] & 0xFF;
            if (marker == EOI) {
                throw new IOException("The JPEG ends before its first scan");
            }
            if (isStandalone(marker)) {
                continue;
            }
            if (pos + 2 > jpeg.length) {
                throw new IOException("The JPEG header is truncated");
            }
            final int length = ((jpeg[pos] & 0xFF) << 8) | (jpeg[pos + 1] & 0xFF);
            if (length < 2 || pos + length > jpeg.length) {
                throw new IOException("The JPEG has a segment of invalid length at byte " + pos);
            }
            segments.add(new Segment(marker, pos + 2, length - 2));
            if (marker == SOS) {
                return segments;
            }
            pos += length;
        }
    }

    /** The full-resolution size from the frame header (SOF), reading only the header. */
    public static FrameSize size(final byte[] jpeg) throws IOException {
        final Optional<Segment> sof = read(jpeg).stream().filter(segment -> isStartOfFrame(segment.marker())).findFirst();
        if (sof.isEmpty() || sof.get().length() < 5) {
            throw new IOException("The JPEG has no frame header");
        }
        final int at = sof.get().offset();
        return new FrameSize(u16(jpeg, at + 3), u16(jpeg, at + 1));
    }

    static boolean isStartOfFrame(final int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    static boolean isStandalone(final int marker) {
        return marker == SOI || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
    }

    static int u16(final byte[] bytes, final int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }
}

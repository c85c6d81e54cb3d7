package dev.nifiidcard.camera.gate;

import dev.nifiidcard.commons.jpeg.ByteArrayJpegSource;
import dev.nifiidcard.commons.jpeg.JpegFrameSize;
import dev.nifiidcard.commons.jpeg.JpegMarkerWalker;
import dev.nifiidcard.commons.jpeg.JpegMarkers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The marker segments of a JPEG in memory, a scan header at a time, as the shared marker walker finds them. */
public final class JpegSegments {

    /**
     * One marker segment.
     *
     * @param marker the marker's second byte, for example {@code 0xFE} for COM
     * @param offset where the payload starts (after the two length bytes)
     * @param length the payload's length
     */
    public record Segment(int marker, int offset, int length) {
    }

    /** Cameras write a dozen; a flood of tiny segments must not fill a list. */
    static final int MAX_SEGMENTS_BEFORE_SCAN = 256;

    private final byte[] jpeg;
    private final ByteArrayJpegSource source;
    private final JpegMarkerWalker walker;

    private JpegSegments(final byte[] jpeg) throws IOException {
        this.jpeg = jpeg;
        this.source = new ByteArrayJpegSource(jpeg);
        this.walker = JpegMarkerWalker.afterStartOfImage(source);
    }

    /** A walk from the SOI the bytes must start with. */
    static JpegSegments of(final byte[] jpeg) throws IOException {
        return new JpegSegments(jpeg);
    }

    /**
     * The segments from SOI up to and including the first SOS (whose payload is the scan header), in file order.
     *
     * @throws IOException when the bytes are not a JPEG or a segment runs past the end
     */
    public static List<Segment> read(final byte[] jpeg) throws IOException {
        return of(jpeg).upToNextScan();
    }

    /**
     * The segments up to and including the next SOS. After the first call the walk goes on past the scan that the
     * previous call ended with, without decoding it.
     */
    List<Segment> upToNextScan() throws IOException {
        final List<Segment> segments = new ArrayList<>();
        while (true) {
            if (segments.size() == MAX_SEGMENTS_BEFORE_SCAN) {
                throw RefusedFrameException.overBudget("The JPEG has more than " + MAX_SEGMENTS_BEFORE_SCAN + " segments before a scan");
            }
            final int marker = walker.next();
            if (marker == JpegMarkerWalker.END_OF_DATA) {
                throw RefusedFrameException.corrupt("The JPEG header is truncated");
            }
            if (marker == JpegMarkers.EOI) {
                throw RefusedFrameException.corrupt("The JPEG ends before its next scan");
            }
            if (JpegMarkers.isStandalone(marker)) {
                continue;
            }
            final Segment segment = new Segment(marker, source.position(), walker.payloadLength());
            if (segment.length() > jpeg.length - segment.offset()) {
                throw RefusedFrameException.corrupt("The JPEG has a segment of invalid length at byte " + (segment.offset() - 2));
            }
            segments.add(segment);
            if (marker == JpegMarkers.SOS) {
                return segments;
            }
        }
    }

    /** The full-resolution size from the frame header (SOF), reading only the header. */
    public static FrameSize size(final byte[] jpeg) throws IOException {
        final JpegFrameSize size = JpegMarkerWalker.afterStartOfImage(new ByteArrayJpegSource(jpeg)).frameSize();
        return new FrameSize(size.width(), size.height());
    }

    static int u16(final byte[] bytes, final int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }
}

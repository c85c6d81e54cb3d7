package dev.nifiidcard.commons.jpeg;

import java.io.EOFException;
import java.io.IOException;

import static dev.nifiidcard.commons.jpeg.JpegMarkers.EOI;
import static dev.nifiidcard.commons.jpeg.JpegMarkers.PREFIX;
import static dev.nifiidcard.commons.jpeg.JpegMarkers.SOI;
import static dev.nifiidcard.commons.jpeg.JpegMarkers.SOS;
import static dev.nifiidcard.commons.jpeg.JpegMarkers.STUFFED_ZERO;

/**
 * Walks a JPEG from marker to marker the way libjpeg does, so that what it finds is what a decoder will use.
 *
 * <p>Segments are passed over by their declared length, never searched for {@code FF D9}: an EXIF thumbnail or any
 * APP payload may hold one. After SOS, the scan's entropy-coded data is passed over up to the first marker that is
 * neither stuffing ({@code FF 00}) nor a restart marker. Between segments, bytes that are not a marker are stray and
 * skipped, as libjpeg's {@code next_marker} skips them: non-{@code FF} bytes, {@code FF 00}, and the fill bytes
 * {@code FF FF} before a marker. Reading {@code FF 00} as a segment with a length instead lets a crafted file hide its
 * real frame header from the reader while the decoder still uses it.
 *
 * <p>Nothing is decoded or held: payloads are skipped unless read, scans are passed over up to their next {@code FF}.
 */
public final class JpegMarkerWalker {

    /** What {@link #next()} returns once the data has ended. */
    public static final int END_OF_DATA = JpegSource.END;

    private static final int FRAME_SIZE_BYTES = 5;

    private final JpegSource source;
    private int payloadLength;
    private int unread;
    private boolean scanFollows;

    /** A walker over data positioned right after SOI or after a whole segment. */
    public JpegMarkerWalker(final JpegSource source) {
        this.source = source;
    }

    /** A walker past the SOI the data must start with: like libjpeg's {@code first_marker}, no stray bytes before it. */
    public static JpegMarkerWalker afterStartOfImage(final JpegSource source) throws IOException {
        if (source.read() != PREFIX || source.read() != SOI) {
            throw new MalformedJpegException("Not a JPEG: it does not start with SOI");
        }
        return new JpegMarkerWalker(source);
    }

    /**
     * The next marker in file order, or {@link #END_OF_DATA}. It first passes over what is left of the current segment
     * and, after SOS, over its scan. For a marker with a segment, the length has been read: {@link #payloadLength()}
     * bytes follow.
     *
     * @throws MalformedJpegException when a segment declares a length below 2
     */
    public int next() throws IOException {
        final boolean whole = source.skip(unread);
        unread = 0;
        payloadLength = 0;
        if (!whole) {
            return END_OF_DATA;
        }
        final int marker = scanFollows ? markerAfterEntropyCodedData() : nextMarker();
        scanFollows = false;
        if (marker == END_OF_DATA || JpegMarkers.isStandalone(marker)) {
            return marker;
        }
        final int high = source.read();
        final int low = source.read();
        if (low == JpegSource.END) {
            return END_OF_DATA;
        }
        final int length = (high << 8) | low;
        if (length < 2) {
            throw new MalformedJpegException("The JPEG has a segment of invalid length " + length
                    + " (marker 0x" + Integer.toHexString(marker).toUpperCase() + ")");
        }
        payloadLength = length - 2;
        unread = payloadLength;
        scanFollows = marker == SOS;
        return marker;
    }

    /** The payload length of the segment {@link #next()} returned last: its declared length less the two length bytes. */
    public int payloadLength() {
        return payloadLength;
    }

    /**
     * The rest of the payload of the segment {@link #next()} returned last, read into memory: at most 65,533 bytes,
     * for a caller that checks a whole frame header.
     *
     * @throws EOFException when the data ends inside the segment
     */
    public byte[] readPayload() throws IOException {
        final byte[] payload = new byte[unread];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) payloadByte();
        }
        return payload;
    }

    /**
     * The size in the first frame header (SOFn), the one libjpeg decodes. The rest of that header is passed over, so
     * that whoever reads the source next starts between segments.
     *
     * @throws EOFException when the data ends before the size
     * @throws MalformedJpegException when a scan or the end of the image comes first
     */
    public JpegFrameSize frameSize() throws IOException {
        while (true) {
            final int marker = next();
            if (marker == END_OF_DATA) {
                throw new EOFException("The JPEG ends before its frame header");
            }
            if (marker == EOI || marker == SOS) {
                throw new MalformedJpegException("The JPEG has no frame header before its data");
            }
            if (JpegMarkers.isStartOfFrame(marker)) {
                return readFrameSize();
            }
        }
    }

    /**
     * Whether the image's EOI comes before the data ends; data after it is not read. Markers that only look like EOI,
     * inside a payload or stuffed in a scan, do not count.
     */
    public boolean reachesEndOfImage() throws IOException {
        for (int marker = next(); marker != END_OF_DATA; marker = next()) {
            if (marker == EOI) {
                return true;
            }
        }
        return false;
    }

    private JpegFrameSize readFrameSize() throws IOException {
        if (payloadLength < FRAME_SIZE_BYTES) {
            throw new MalformedJpegException("The JPEG frame header is too short to declare a size");
        }
        // sample precision, then height before width
        payloadByte();
        final int height = (payloadByte() << 8) | payloadByte();
        final int width = (payloadByte() << 8) | payloadByte();
        // what is cut short here shows as the end of the data at the next marker
        source.skip(unread);
        unread = 0;
        return new JpegFrameSize(width, height);
    }

    private int payloadByte() throws IOException {
        final int b = source.read();
        if (b == JpegSource.END) {
            throw new EOFException("The JPEG ends inside a segment");
        }
        unread--;
        return b;
    }

    /** libjpeg's {@code next_marker}: the code of the next marker, after stray bytes, {@code FF 00} and fill bytes. */
    private int nextMarker() throws IOException {
        while (true) {
            int b = source.skipToPrefix();
            if (b == JpegSource.END) {
                return END_OF_DATA;
            }
            do {
                b = source.read();
            } while (b == PREFIX);
            if (b != STUFFED_ZERO) {
                return b;
            }
        }
    }

    /** Entropy-coded data is what {@link #nextMarker()} skips as stray, and restart markers too. */
    private int markerAfterEntropyCodedData() throws IOException {
        int marker = nextMarker();
        while (JpegMarkers.isRestart(marker)) {
            marker = nextMarker();
        }
        return marker;
    }
}

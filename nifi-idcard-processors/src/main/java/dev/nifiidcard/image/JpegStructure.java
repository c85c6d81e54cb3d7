package dev.nifiidcard.image;

import dev.nifiidcard.commons.jpeg.JpegMarkerWalker;
import dev.nifiidcard.commons.jpeg.JpegMarkers;
import dev.nifiidcard.commons.jpeg.JpegSource;
import dev.nifiidcard.commons.jpeg.MalformedJpegException;

import java.io.IOException;
import java.io.InputStream;

import static dev.nifiidcard.image.ImageHeaderReader.CORRUPT;

/**
 * The JPEG after its frame header, walked marker by marker as libjpeg reads it: a second frame header is an error
 * to libjpeg ("two SOF markers"), an EOI before any scan leaves nothing to decode, and a missing EOI means a cut file.
 * {@code FF D9} inside a segment or stuffed in a scan is not an EOI (the walker passes over payloads by length).
 */
final class JpegStructure {

    private JpegStructure() {
    }

    /** Streams the rest once; data after the EOI is not read. */
    static void checkAfterFrameHeader(final InputStream rest) throws IOException, UnreadableImageException {
        try {
            final JpegMarkerWalker walker = new JpegMarkerWalker(JpegSource.readAhead(rest));
            boolean scan = false;
            for (int marker = walker.next(); marker != JpegMarkerWalker.END_OF_DATA; marker = walker.next()) {
                if (marker == JpegMarkers.EOI) {
                    if (!scan) {
                        throw new UnreadableImageException(CORRUPT, "The JPEG ends before its first scan: there is no image data");
                    }
                    return;
                }
                if (JpegMarkers.isStartOfFrame(marker)) {
                    throw new UnreadableImageException(CORRUPT, "The JPEG has a second frame header, which decoders refuse");
                }
                scan |= marker == JpegMarkers.SOS;
            }
        } catch (final MalformedJpegException e) {
            throw new UnreadableImageException(CORRUPT, e.getMessage());
        }
        // a cut upload or a camera frame lost halfway: Tencent would bill a call to answer ImageDecodeFailed
        throw new UnreadableImageException(CORRUPT, "The JPEG is truncated: its end marker is missing");
    }
}

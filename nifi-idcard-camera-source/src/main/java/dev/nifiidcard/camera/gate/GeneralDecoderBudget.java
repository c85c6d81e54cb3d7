package dev.nifiidcard.camera.gate;

import dev.nifiidcard.commons.jpeg.ByteArrayJpegSource;
import dev.nifiidcard.commons.jpeg.JpegFrameSize;
import dev.nifiidcard.commons.jpeg.JpegMarkerWalker;
import dev.nifiidcard.commons.jpeg.JpegMarkers;

import java.io.IOException;

/**
 * What a frame may cost ImageIO, checked from its headers before ImageIO sees it. ImageIO decodes at full resolution
 * whatever subsampling is asked for, and a progressive JPEG keeps every coefficient of the image and goes over them
 * again for every scan: issue 13 measured 36 s of CPU for one frame of 15,000 scans, and 193 MB for a 9 KB frame that
 * claimed 10000×10000. So ImageIO gets only frames of up to 1920×1080, with no more scans than an encoder
 * writes, whose bytes can hold the blocks they claim and are not many more than an image of that size needs.
 */
final class GeneralDecoderBudget {

    /** 1920×1080: ImageIO decodes every pixel, and keeps 2 bytes a coefficient of a progressive frame (up to 12 MB). */
    static final long MAX_PIXELS = 1920L * 1080;
    /** libjpeg writes 10 scans for a progressive colour JPEG, mozjpeg a few more; each is a pass over the coefficients. */
    static final int MAX_SCANS = 32;
    /** A camera frame at quality 95 takes about half a byte per pixel; more is data only there to cost decoding time. */
    static final int MAX_BYTES_PER_PIXEL = 1;

    private GeneralDecoderBudget() {
    }

    /** Refuses a JPEG whose decode by ImageIO would cost more than the budget; walks its markers only. */
    static void requireWithin(final byte[] jpeg) throws IOException {
        final JpegMarkerWalker walker = JpegMarkerWalker.afterStartOfImage(new ByteArrayJpegSource(jpeg));
        final JpegFrameSize size = walker.frameSize();
        requirePixelsWithin(size.width(), size.height());
        // a progressive JPEG's first DC scan takes at least one bit for every luma block
        RefusedFrameException.requireRoomFor((long) ((size.width() + 7) / 8) * ((size.height() + 7) / 8), jpeg.length, 1);
        int scans = 0;
        for (int marker = walker.next(); marker != JpegMarkerWalker.END_OF_DATA && marker != JpegMarkers.EOI; marker = walker.next()) {
            if (JpegMarkers.isStartOfFrame(marker)) {
                throw RefusedFrameException.corrupt("The JPEG has a second frame header");
            }
            if (marker == JpegMarkers.SOS && ++scans > MAX_SCANS) {
                throw RefusedFrameException.overBudget("The JPEG has more than " + MAX_SCANS + " scans");
            }
        }
        final long maxBytes = Math.max(64 * 1024, (long) size.width() * size.height() * MAX_BYTES_PER_PIXEL);
        if (jpeg.length > maxBytes) {
            throw RefusedFrameException.overBudget("The JPEG has " + jpeg.length + " bytes for " + size.width() + "x"
                    + size.height() + " pixels, more than " + maxBytes + " ImageIO may read for the gate");
        }
    }

    static void requirePixelsWithin(final long width, final long height) throws IOException {
        if (width * height > MAX_PIXELS) {
            throw RefusedFrameException.overBudget("The image is " + width + "x" + height + ", larger than the "
                    + MAX_PIXELS + " pixels ImageIO may decode for the gate");
        }
    }
}

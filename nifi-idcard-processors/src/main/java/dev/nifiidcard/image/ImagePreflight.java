package dev.nifiidcard.image;

import dev.nifiidcard.commons.jpeg.JpegMarkerWalker;
import dev.nifiidcard.commons.jpeg.JpegSource;
import dev.nifiidcard.commons.jpeg.MalformedJpegException;
import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageFormat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Rejects, before any paid call, images that a provider would refuse or could not read. */
public final class ImagePreflight {

    public static final String TOO_LARGE = "Local.ImageTooLarge";
    public static final String TOO_SMALL = "Local.ImageTooSmall";
    public static final String DIMENSIONS_TOO_LARGE = "Local.ImageDimensionsTooLarge";

    private static final byte[] PNG_END = {'I', 'E', 'N', 'D'};

    private ImagePreflight() {
    }

    public static ImageHeader check(final InputStream content, final long length, final ImageConstraints constraints)
            throws IOException, UnreadableImageException {
        if (length == 0) {
            throw new UnreadableImageException(ImageHeaderReader.EMPTY, "The content is empty");
        }
        final BufferedInputStream in = new BufferedInputStream(content, 8192);
        final ImageHeader header = ImageHeaderReader.read(in);
        if (!constraints.formats().contains(header.format())) {
            throw new UnreadableImageException(ImageHeaderReader.UNSUPPORTED_FORMAT,
                    "The service does not accept " + header.format() + " images; it accepts " + constraints.formats());
        }
        if (length > constraints.maxBytes()) {
            throw new UnreadableImageException(TOO_LARGE, "The image has " + length + " bytes; the service accepts at most "
                    + constraints.maxBytes() + " bytes");
        }
        final int shortSide = Math.min(header.width(), header.height());
        final int longSide = Math.max(header.width(), header.height());
        if (shortSide < constraints.minShortSide()) {
            throw new UnreadableImageException(TOO_SMALL, "The image is " + header.width() + "x" + header.height()
                    + " pixels; a card cannot be read below " + constraints.minShortSide() + " pixels on the shorter side");
        }
        if (longSide > constraints.maxLongSide()) {
            throw new UnreadableImageException(DIMENSIONS_TOO_LARGE, "The image is " + header.width() + "x" + header.height()
                    + " pixels; the service accepts at most " + constraints.maxLongSide() + " pixels on the longer side");
        }
        if (!hasEnd(in, header.format())) {
            // a cut upload or a camera frame lost halfway: Tencent would bill a call to answer ImageDecodeFailed
            throw new UnreadableImageException(ImageHeaderReader.CORRUPT, "The " + header.format()
                    + " is truncated: its end marker is missing");
        }
        return header;
    }

    /**
     * Whether the rest of the image holds its end marker: EOI for JPEG (data after it is tolerated), IEND for PNG.
     * BMP has none to look for. Streams the rest once.
     */
    private static boolean hasEnd(final InputStream rest, final ImageFormat format) throws IOException, UnreadableImageException {
        return switch (format) {
            case BMP -> true;
            case JPEG -> hasEndOfImage(rest);
            case PNG -> hasPngEnd(rest);
        };
    }

    /** Walks the JPEG's structure: FF D9 inside an EXIF thumbnail, or any payload, does not end the image. */
    private static boolean hasEndOfImage(final InputStream rest) throws IOException, UnreadableImageException {
        try {
            return new JpegMarkerWalker(JpegSource.readAhead(rest)).reachesEndOfImage();
        } catch (final MalformedJpegException e) {
            throw new UnreadableImageException(ImageHeaderReader.CORRUPT, e.getMessage());
        }
    }

    private static boolean hasPngEnd(final InputStream rest) throws IOException {
        final byte[] buffer = new byte[8192];
        int matched = 0;
        for (int read = rest.read(buffer); read > 0; read = rest.read(buffer)) {
            for (int i = 0; i < read; i++) {
                final int b = buffer[i] & 0xFF;
                matched = b == PNG_END[matched] ? matched + 1 : (b == PNG_END[0] ? 1 : 0);
                if (matched == PNG_END.length) {
                    return true;
                }
            }
        }
        return false;
    }
}

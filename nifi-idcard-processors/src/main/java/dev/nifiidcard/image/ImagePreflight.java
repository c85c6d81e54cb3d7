package dev.nifiidcard.image;

import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageFormat;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Rejects, before any paid call, images that a provider would refuse or could not read. */
public final class ImagePreflight {

    public static final String TOO_LARGE = "Local.ImageTooLarge";
    public static final String TOO_SMALL = "Local.ImageTooSmall";
    public static final String DIMENSIONS_TOO_LARGE = "Local.ImageDimensionsTooLarge";

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
        checkBody(in, length, header.format());
        return header;
    }

    /**
     * Checks the rest of the image the way a decoder reads it, streaming it once: the JPEG's markers to its EOI, every
     * PNG chunk (CRCs, the image data inflated to its declared size), the BMP's pixel data against the length.
     */
    private static void checkBody(final BufferedInputStream in, final long length, final ImageFormat format)
            throws IOException, UnreadableImageException {
        switch (format) {
            case JPEG -> JpegStructure.checkAfterFrameHeader(in);
            case PNG -> {
                // the header reader marked the start and read less than PNG_BMP_HEADER_LIMIT: walk the file from its signature
                in.reset();
                PngStructure.check(in);
            }
            case BMP -> {
                in.reset();
                final BmpHeader bmp = BmpHeader.read(new DataInputStream(in));
                if (bmp.pixelEnd() > length) {
                    throw new UnreadableImageException(ImageHeaderReader.CORRUPT, "The BMP is truncated: its pixel data needs "
                            + bmp.pixelEnd() + " bytes, the file has " + length);
                }
            }
        }
    }
}

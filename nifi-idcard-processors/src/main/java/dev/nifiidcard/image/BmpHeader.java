package dev.nifiidcard.image;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Set;

import static dev.nifiidcard.image.ImageHeaderReader.CORRUPT;
import static dev.nifiidcard.image.ImageHeaderReader.UNSUPPORTED_ENCODING;

/**
 * A BMP's file and DIB headers, checked as common BMP readers (ImageIO, OpenCV, libraries after Windows' GDI) check
 * them: a known DIB header, a bit depth and compression they decode, a size and a pixel offset that fit. The plane
 * count is not checked: ImageIO ignores it.
 *
 * @param width       width in pixels
 * @param height      height in pixels (a top-down BMP stores it negative)
 * @param pixelOffset where the pixel data starts
 * @param pixelBytes  bytes of pixel data the size implies; 1 when run-length coded (the length is known only by decoding)
 */
record BmpHeader(long width, long height, long pixelOffset, long pixelBytes) {

    private static final int CORE_HEADER = 12;
    /** BITMAPINFOHEADER, its v2 and v3 extensions, OS/2 2.x, BITMAPV4HEADER and BITMAPV5HEADER. */
    private static final Set<Integer> INFO_HEADERS = Set.of(40, 52, 56, 64, 108, 124);
    private static final int OS2_HEADER = 64;
    private static final int RGB = 0;
    private static final int RLE8 = 1;
    private static final int RLE4 = 2;
    private static final int BITFIELDS = 3;

    /** Reads the headers from the first byte of the file. */
    static BmpHeader read(final DataInputStream in) throws IOException, UnreadableImageException {
        in.skipNBytes(10);
        final long pixelOffset = Integer.toUnsignedLong(le32(in));
        final int headerSize = le32(in);
        if (headerSize == CORE_HEADER) {
            final int width = le16(in);
            final int height = le16(in);
            // planes: ImageIO ignores them
            le16(in);
            return checked(width, height, le16(in), RGB, pixelOffset, Set.of(1, 4, 8, 24));
        }
        if (!INFO_HEADERS.contains(headerSize)) {
            throw new UnreadableImageException(CORRUPT, "The BMP header is not a known BITMAPINFOHEADER (size " + headerSize + ")");
        }
        final int width = le32(in);
        final int height = le32(in);
        // planes: ImageIO ignores them
        le16(in);
        final int bitCount = le16(in);
        final int compression = le32(in);
        if (compression == BITFIELDS && headerSize == OS2_HEADER) {
            throw unsupported("OS/2 Huffman compression");
        }
        final boolean runLength = compression == RLE8 || compression == RLE4;
        if (runLength && (height < 0 || bitCount != (compression == RLE8 ? 8 : 4))) {
            throw new UnreadableImageException(CORRUPT, "The BMP declares run-length compression for " + bitCount
                    + "-bit " + (height < 0 ? "top-down " : "") + "rows, which is not possible");
        }
        if (compression == BITFIELDS && bitCount != 16 && bitCount != 32) {
            throw new UnreadableImageException(CORRUPT, "The BMP declares bit-field masks for " + bitCount + "-bit pixels, which is not possible");
        }
        if (compression > BITFIELDS) {
            throw unsupported(compression == 4 ? "an embedded JPEG" : compression == 5 ? "an embedded PNG" : "compression " + compression);
        }
        return checked(width, height, bitCount, compression, pixelOffset, Set.of(1, 4, 8, 16, 24, 32));
    }

    /** Where the pixel data the header promises would end; beyond the file's length it is cut short. */
    long pixelEnd() {
        return pixelOffset + pixelBytes;
    }

    private static BmpHeader checked(final long width, final long height, final int bitCount, final int compression,
                                     final long pixelOffset, final Set<Integer> bitCounts) throws UnreadableImageException {
        if (width <= 0 || height == 0) {
            throw new UnreadableImageException(CORRUPT, "The BMP declares impossible dimensions " + width + "x" + height);
        }
        if (!bitCounts.contains(bitCount)) {
            throw new UnreadableImageException(CORRUPT, "The BMP declares " + bitCount + " bits per pixel, which no BMP reader decodes");
        }
        final long rows = Math.abs(height);
        final boolean runLength = compression == RLE8 || compression == RLE4;
        // rows are padded to 4 bytes
        final long pixelBytes = runLength ? 1 : rows * ((width * bitCount + 31) / 32 * 4);
        return new BmpHeader(width, rows, pixelOffset, pixelBytes);
    }

    private static UnreadableImageException unsupported(final String what) {
        return new UnreadableImageException(UNSUPPORTED_ENCODING, "The BMP uses " + what
                + ", which BMP readers do not decode; send a plain BMP, a JPEG or a PNG");
    }

    private static int le32(final DataInputStream in) throws IOException {
        return Integer.reverseBytes(in.readInt());
    }

    private static int le16(final DataInputStream in) throws IOException {
        return Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
    }
}

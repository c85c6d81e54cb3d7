package dev.nifiidcard.image;

import static dev.nifiidcard.image.ImageHeaderReader.CORRUPT;

/**
 * A PNG's IHDR, checked as libpng's {@code png_check_IHDR} does: sizes 1 to 2^31-1, a bit depth the colour type
 * allows, compression and filter method 0, interlace none or Adam7.
 */
record PngHeader(long width, long height, int bitDepth, int colourType, boolean interlaced) {

    static final int LENGTH = 13;
    static final int PALETTE = 3;

    /** Adam7: where each of the 7 passes starts and how far it steps, across and down. */
    private static final int[] X_START = {0, 4, 0, 2, 0, 1, 0};
    private static final int[] X_STEP = {8, 8, 4, 4, 2, 2, 1};
    private static final int[] Y_START = {0, 0, 4, 0, 2, 0, 1};
    private static final int[] Y_STEP = {8, 8, 8, 4, 4, 2, 2};

    static PngHeader parse(final byte[] data) throws UnreadableImageException {
        final long width = Integer.toUnsignedLong(int32(data, 0));
        final long height = Integer.toUnsignedLong(int32(data, 4));
        final int bitDepth = data[8] & 0xFF;
        final int colourType = data[9] & 0xFF;
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new UnreadableImageException(CORRUPT, "The PNG declares impossible dimensions " + width + "x" + height);
        }
        if (channels(colourType) == 0 || !allowedDepth(colourType, bitDepth)) {
            throw new UnreadableImageException(CORRUPT, "The PNG's IHDR declares colour type " + colourType + " with bit depth "
                    + bitDepth + ", which is not a valid combination");
        }
        if (data[10] != 0 || data[11] != 0 || (data[12] & 0xFF) > 1) {
            throw new UnreadableImageException(CORRUPT, "The PNG's IHDR declares an unknown compression, filter or interlace method");
        }
        return new PngHeader(width, height, bitDepth, colourType, data[12] == 1);
    }

    /** The bytes the image data inflates to: per row of each pass, a filter byte and the packed pixels. */
    long rawBytes() {
        if (!interlaced) {
            return rowsBytes(width, height);
        }
        long total = 0;
        for (int pass = 0; pass < X_START.length; pass++) {
            total += rowsBytes(passSize(width, X_START[pass], X_STEP[pass]), passSize(height, Y_START[pass], Y_STEP[pass]));
        }
        return total;
    }

    private long rowsBytes(final long columns, final long rows) {
        if (columns == 0 || rows == 0) {
            return 0;
        }
        final long bitsPerPixel = (long) bitDepth * channels(colourType);
        return rows * (1 + (columns * bitsPerPixel + 7) / 8);
    }

    private static long passSize(final long size, final int start, final int step) {
        return size > start ? (size - start + step - 1) / step : 0;
    }

    private static int channels(final int colourType) {
        return switch (colourType) {
            case 0, PALETTE -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 0;
        };
    }

    private static boolean allowedDepth(final int colourType, final int depth) {
        return switch (colourType) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case PALETTE -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            default -> depth == 8 || depth == 16;
        };
    }

    static int int32(final byte[] data, final int offset) {
        return ((data[offset] & 0xFF) << 24) | ((data[offset + 1] & 0xFF) << 16) | ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
    }
}

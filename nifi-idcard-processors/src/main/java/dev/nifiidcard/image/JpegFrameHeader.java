package dev.nifiidcard.image;

import static dev.nifiidcard.image.ImageHeaderReader.CORRUPT;
import static dev.nifiidcard.image.ImageHeaderReader.UNSUPPORTED_ENCODING;

/**
 * Checks a JPEG frame header (SOFn) the way libjpeg's {@code get_sof} and {@code jdinput} do, so that a frame no
 * decoder takes is refused before a paid call: 8-bit precision, Huffman or arithmetic coding (baseline, extended,
 * progressive), 1, 3 or 4 components with sampling factors 1 to 4 that divide the largest, quantization tables 0 to 3.
 */
final class JpegFrameHeader {

    private static final int BASELINE = 0xC0;
    private static final int EXTENDED = 0xC1;
    private static final int PROGRESSIVE = 0xC2;
    private static final int ARITHMETIC_EXTENDED = 0xC9;
    private static final int ARITHMETIC_PROGRESSIVE = 0xCA;
    private static final int FIXED_BYTES = 6;
    private static final int BYTES_PER_COMPONENT = 3;
    /** libjpeg's D_MAX_BLOCKS_IN_MCU: the blocks one interleaved MCU may hold. */
    private static final int MAX_BLOCKS_IN_MCU = 10;

    private JpegFrameHeader() {
    }

    /** Checks the payload of the frame header with marker {@code marker}; returns {width, height} as declared. */
    static int[] check(final int marker, final byte[] payload) throws UnreadableImageException {
        if (!isDecodable(marker)) {
            throw new UnreadableImageException(UNSUPPORTED_ENCODING, "The JPEG is coded as " + process(marker)
                    + " (SOF" + (marker - BASELINE) + "), which JPEG decoders do not read; send a baseline or progressive JPEG");
        }
        if (payload.length < FIXED_BYTES) {
            throw new UnreadableImageException(CORRUPT, "The JPEG frame header is too short");
        }
        final int precision = u8(payload, 0);
        final int height = (u8(payload, 1) << 8) | u8(payload, 2);
        final int width = (u8(payload, 3) << 8) | u8(payload, 4);
        final int components = u8(payload, 5);
        if (payload.length != FIXED_BYTES + BYTES_PER_COMPONENT * components) {
            throw new UnreadableImageException(CORRUPT, "The JPEG frame header's length does not match its " + components + " components");
        }
        if (precision != 8) {
            throw new UnreadableImageException(UNSUPPORTED_ENCODING, "The JPEG has " + precision
                    + "-bit samples; JPEG decoders read 8-bit samples only");
        }
        if (components != 1 && components != 3 && components != 4) {
            throw new UnreadableImageException(components == 0 ? CORRUPT : UNSUPPORTED_ENCODING, "The JPEG has " + components
                    + " colour components; decoders read 1 (grey), 3 (YCbCr/RGB) or 4 (CMYK/YCCK)");
        }
        checkSampling(payload, components);
        return new int[] {width, height};
    }

    private static void checkSampling(final byte[] payload, final int components) throws UnreadableImageException {
        int maxH = 1;
        int maxV = 1;
        int blocks = 0;
        for (int c = 0; c < components; c++) {
            final int offset = FIXED_BYTES + BYTES_PER_COMPONENT * c;
            final int h = u8(payload, offset + 1) >> 4;
            final int v = u8(payload, offset + 1) & 0x0F;
            if (h < 1 || h > 4 || v < 1 || v > 4 || u8(payload, offset + 2) > 3) {
                throw new UnreadableImageException(CORRUPT, "The JPEG frame header has invalid sampling factors or table numbers");
            }
            maxH = Math.max(maxH, h);
            maxV = Math.max(maxV, v);
            blocks += h * v;
        }
        if (components > 1 && blocks > MAX_BLOCKS_IN_MCU) {
            throw new UnreadableImageException(CORRUPT, "The JPEG's sampling factors are too large for an interleaved scan");
        }
        for (int c = 0; c < components; c++) {
            final int factors = u8(payload, FIXED_BYTES + BYTES_PER_COMPONENT * c + 1);
            if (maxH % (factors >> 4) != 0 || maxV % (factors & 0x0F) != 0) {
                throw new UnreadableImageException(UNSUPPORTED_ENCODING, "The JPEG uses fractional chroma sampling, which decoders do not read");
            }
        }
    }

    private static boolean isDecodable(final int marker) {
        return marker == BASELINE || marker == EXTENDED || marker == PROGRESSIVE
                || marker == ARITHMETIC_EXTENDED || marker == ARITHMETIC_PROGRESSIVE;
    }

    private static String process(final int marker) {
        return switch (marker) {
            case 0xC3, 0xCB -> "lossless";
            case 0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF -> "hierarchical";
            default -> "an unknown process";
        };
    }

    private static int u8(final byte[] bytes, final int index) {
        return bytes[index] & 0xFF;
    }
}

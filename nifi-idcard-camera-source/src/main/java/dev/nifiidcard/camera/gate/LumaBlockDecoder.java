package dev.nifiidcard.camera.gate;

import java.io.IOException;

/**
 * Turns the Huffman-coded coefficients of 8×8 blocks into scaled luma pixels, and reads past chroma blocks.
 *
 * <p>Every coefficient still has to be decoded to find the next block, but only those the scaled inverse DCT needs
 * are kept: at 1/4 each luma block becomes 2×2 pixels from its DC and its three lowest AC coefficients, at 1/8 one
 * pixel from its DC (libjpeg's scaled-IDCT idea). Nothing is allocated per block.
 */
final class LumaBlockDecoder {

    /** Mean of cos((2x+1)π/16) over x = 0..3: how strongly the first cosine shows in the average of a half block. */
    private static final double HALF_BLOCK_COSINE = (Math.cos(Math.PI / 16) + Math.cos(3 * Math.PI / 16)
            + Math.cos(5 * Math.PI / 16) + Math.cos(7 * Math.PI / 16)) / 4;
    /** Weight of F(0,1) and F(1,0) in the average of a 4×4 quarter block: C(0)·a/4. */
    private static final float FIRST_AC_WEIGHT = (float) (HALF_BLOCK_COSINE / (4 * Math.sqrt(2)));
    /** Weight of F(1,1) in the average of a 4×4 quarter block: a²/4. */
    private static final float DIAGONAL_AC_WEIGHT = (float) (HALF_BLOCK_COSINE * HALF_BLOCK_COSINE / 4);

    /** 8-bit samples give AC coefficients of at most 10 bits (libjpeg's MAX_COEF_BITS). */
    private static final int MAX_AC_BITS = 10;
    private static final int MAX_DC = 1024;

    private final EntropyBitReader bits;
    private final int scale;
    /** The highest zig-zag index the scaled IDCT uses: 4 for (1,1) at 1/4, 0 (DC only) at 1/8. */
    private final int lastNeededCoefficient;
    private final int[] lumaQuantization;
    private final byte[] out;
    private final int outStride;
    /** MCUs per restart interval, 0 when the scan has no restart markers. */
    private final int restartInterval;
    private int untilRestart;
    private int lumaPredictor;

    /**
     * @param out       the scaled luma, {@code 8 / scale} pixels a block each way, {@code outStride} bytes a row
     * @param outStride the width of {@code out}, which may be wider than the image (whole blocks or MCUs)
     */
    LumaBlockDecoder(final EntropyBitReader bits, final int scale, final int[] lumaQuantization, final byte[] out,
                     final int outStride, final int restartInterval) {
        this.bits = bits;
        this.scale = scale;
        this.lastNeededCoefficient = scale == 4 ? 4 : 0;
        this.lumaQuantization = lumaQuantization;
        this.out = out;
        this.outStride = outStride;
        this.restartInterval = restartInterval;
        this.untilRestart = restartInterval;
    }

    /**
     * Called before each MCU: after every {@code restartInterval} of them the data goes on behind an RSTn marker, and
     * the DC prediction starts again from zero.
     */
    void startMcu() throws IOException {
        if (restartInterval > 0) {
            if (untilRestart == 0) {
                bits.restart();
                lumaPredictor = 0;
                untilRestart = restartInterval;
            }
            untilRestart--;
        }
    }

    /** Decodes the luma block at block column {@code bx}, row {@code by} into its scaled pixels. */
    void decodeLumaBlock(final HuffmanTable dc, final HuffmanTable ac, final int bx, final int by) throws IOException {
        bits.fillIfLow();
        final int dcSize = bits.decodeSymbol(dc);
        if (dcSize > 11) {
            throw RefusedFrameException.corrupt("The JPEG has a corrupt DC coefficient");
        }
        if (dcSize != 0) {
            lumaPredictor += extend(bits.takeBits(dcSize), dcSize);
            // an 8-bit block's DC coefficient lies in -1024..1016 before quantization; beyond, the data is garbage
            if (Math.abs(lumaPredictor * lumaQuantization[0]) > MAX_DC + lumaQuantization[0]) {
                throw RefusedFrameException.corrupt("The JPEG's DC coefficients run out of range");
            }
        }
        int c1 = 0;
        int c2 = 0;
        int c4 = 0;
        int k = 1;
        while (k <= lastNeededCoefficient) {
            bits.fillIfLow();
            final int runAndSize = bits.decodeSymbol(ac);
            final int size = runAndSize & 15;
            if (size == 0) {
                if (runAndSize != 0xF0) {
                    k = 64;
                    break;
                }
                k += 16;
                continue;
            }
            k += runAndSize >> 4;
            if (k > 63 || size > MAX_AC_BITS) {
                throw RefusedFrameException.corrupt("The JPEG has a corrupt block");
            }
            final int value = extend(bits.takeBits(size), size);
            switch (k) {
                case 1 -> c1 = value;
                case 2 -> c2 = value;
                case 4 -> c4 = value;
                default -> {
                }
            }
            k++;
        }
        skipCoefficients(ac, k);
        final int[] q = lumaQuantization;
        final float base = lumaPredictor * q[0] * 0.125f + 128.5f;
        if (scale == 8) {
            out[by * outStride + bx] = clamp(base);
            return;
        }
        final float horizontal = c1 * q[1] * FIRST_AC_WEIGHT;
        final float vertical = c2 * q[2] * FIRST_AC_WEIGHT;
        final float diagonal = c4 * q[4] * DIAGONAL_AC_WEIGHT;
        final int index = by * 2 * outStride + bx * 2;
        out[index] = clamp(base + horizontal + vertical + diagonal);
        out[index + 1] = clamp(base - horizontal + vertical - diagonal);
        out[index + outStride] = clamp(base + horizontal - vertical - diagonal);
        out[index + outStride + 1] = clamp(base - horizontal - vertical + diagonal);
    }

    /** Reads past a chroma block; its DC difference is not even extended, as no chroma prediction is kept. */
    void skipBlock(final HuffmanTable dc, final HuffmanTable ac) throws IOException {
        bits.fillIfLow();
        final int dcSize = bits.decodeSymbol(dc);
        if (dcSize > 11) {
            throw RefusedFrameException.corrupt("The JPEG has a corrupt DC coefficient");
        }
        bits.skipBits(dcSize);
        skipCoefficients(ac, 1);
    }

    private void skipCoefficients(final HuffmanTable ac, final int from) throws IOException {
        int k = from;
        while (k < 64) {
            bits.fillIfLow();
            final int runAndSize = bits.decodeSymbol(ac);
            final int size = runAndSize & 15;
            if (size == 0) {
                if (runAndSize != 0xF0) {
                    return;
                }
                k += 16;
            } else {
                if (size > MAX_AC_BITS) {
                    throw RefusedFrameException.corrupt("The JPEG has a corrupt block");
                }
                k += (runAndSize >> 4) + 1;
                bits.skipBits(size);
            }
        }
        if (k > 64) {
            throw RefusedFrameException.corrupt("The JPEG has a corrupt block");
        }
    }

    private static byte clamp(final float value) {
        return (byte) Math.max(0, Math.min(255, (int) value));
    }

    /** The signed value of a coefficient's {@code size} extra bits (T.81 F.2.2.1, EXTEND). */
    private static int extend(final int value, final int size) {
        return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
    }
}

package dev.nifiidcard.camera.gate;

import dev.nifiidcard.commons.jpeg.JpegMarkers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes the luma of a baseline (SOF0) or extended sequential 8-bit (SOF1) Huffman JPEG at 1/4 or 1/8 scale.
 *
 * <p>Every coefficient of every component still has to be Huffman-decoded to find the next one, but only the few the
 * scaled inverse DCT needs are kept: at 1/4 each 8×8 luma block becomes 2×2 pixels computed from its DC and its
 * three lowest AC coefficients, at 1/8 one pixel from its DC (libjpeg's scaled-IDCT idea). Chroma is skipped, there
 * is no colour conversion and no full-size buffer. Anything else (progressive, arithmetic, 12-bit, lossless, RGB or
 * CMYK, corrupt or truncated data) is an {@link IOException}, for the caller to fall back on a general decoder.
 */
final class BaselineLumaDecoder {

    /** Mean of cos((2x+1)π/16) over x = 0..3: how strongly the first cosine shows in the average of a half block. */
    private static final double HALF_BLOCK_COSINE = (Math.cos(Math.PI / 16) + Math.cos(3 * Math.PI / 16)
            + Math.cos(5 * Math.PI / 16) + Math.cos(7 * Math.PI / 16)) / 4;
    /** Weight of F(0,1) and F(1,0) in the average of a 4×4 quarter block: C(0)·a/4. */
    private static final float FIRST_AC_WEIGHT = (float) (HALF_BLOCK_COSINE / (4 * Math.sqrt(2)));
    /** Weight of F(1,1) in the average of a 4×4 quarter block: a²/4. */
    private static final float DIAGONAL_AC_WEIGHT = (float) (HALF_BLOCK_COSINE * HALF_BLOCK_COSINE / 4);
    private static final int DHT = 0xC4;
    private static final int DQT = 0xDB;
    private static final int DRI = 0xDD;
    private static final int APP14 = 0xEE;
    /** More zero bytes than the bit buffer can hold unread means the decoder used bytes the file does not have. */
    private static final int MAX_PADDING_BYTES = 16;

    private final byte[] data;
    private final int scale;
    /** The highest zig-zag index the scaled IDCT uses: 4 for (1,1) at 1/4, 0 (DC only) at 1/8. */
    private final int lastNeededCoefficient;
    private final int[][] quantization = new int[4][];
    private final HuffmanTable[] dcTables = new HuffmanTable[4];
    private final HuffmanTable[] acTables = new HuffmanTable[4];
    private int restartInterval;
    private int adobeTransform = -1;
    private FrameComponent[] components;
    private int width;
    private int height;
    private int maxH;
    private int maxV;

    private int pos;
    private long bits;
    private int bitCount;
    private boolean atMarker;
    private int paddingBytes;
    private int restartCount;
    private int lumaPredictor;

    private byte[] out;
    private int outStride;
    private int[] lumaQuantization;

    private record FrameComponent(int id, int h, int v, int quantizationTable) {
    }

    BaselineLumaDecoder(final byte[] data, final int scale) {
        this.data = data;
        this.scale = scale;
        this.lastNeededCoefficient = scale == 4 ? 4 : 0;
    }

    ScaledLuma decode() throws IOException {
        final JpegSegments walk = JpegSegments.of(data);
        List<JpegSegments.Segment> segments = walk.upToNextScan();
        while (true) {
            for (final JpegSegments.Segment segment : segments.subList(0, segments.size() - 1)) {
                readSegment(segment);
            }
            final JpegSegments.Segment scan = segments.getLast();
            if (components == null) {
                throw new IOException("The JPEG has no frame header before its first scan");
            }
            if (scanHasLuma(scan)) {
                decodeScan(scan);
                return cropped();
            }
            // a multi-scan sequential JPEG whose luma comes in a later scan: this scan's data can be skipped unread
            segments = walk.upToNextScan();
        }
    }

    private void readSegment(final JpegSegments.Segment segment) throws IOException {
        final int marker = segment.marker();
        if (marker == 0xC0 || marker == 0xC1) {
            readFrameHeader(segment);
        } else if (JpegMarkers.isStartOfFrame(marker)) {
            throw new IOException("The JPEG is not baseline or sequential Huffman (SOF" + (marker - 0xC0) + ")");
        } else if (marker == DHT) {
            readHuffmanTables(segment);
        } else if (marker == DQT) {
            readQuantizationTables(segment);
        } else if (marker == DRI) {
            requireLength(segment, 2);
            restartInterval = JpegSegments.u16(data, segment.offset());
        } else if (marker == APP14 && segment.length() >= 12 && "Adobe".equals(new String(data, segment.offset(), 5, StandardCharsets.ISO_8859_1))) {
            adobeTransform = data[segment.offset() + 11] & 0xFF;
        }
    }

    private void readFrameHeader(final JpegSegments.Segment segment) throws IOException {
        requireLength(segment, 6);
        final int at = segment.offset();
        if ((data[at] & 0xFF) != 8) {
            throw new IOException("The JPEG has " + (data[at] & 0xFF) + "-bit samples");
        }
        height = JpegSegments.u16(data, at + 1);
        width = JpegSegments.u16(data, at + 3);
        final int count = data[at + 5] & 0xFF;
        if (width == 0 || height == 0) {
            throw new IOException("The JPEG declares its height later (DNL) or has no pixels");
        }
        ScaledJpegDecoder.requireAnalysable(width, height);
        if (count != 1 && count != 3) {
            throw new IOException("The JPEG has " + count + " components (not grayscale or YCbCr)");
        }
        requireLength(segment, 6 + 3 * count);
        components = new FrameComponent[count];
        for (int i = 0; i < count; i++) {
            final int c = at + 6 + 3 * i;
            final int sampling = data[c + 1] & 0xFF;
            final FrameComponent component = new FrameComponent(data[c] & 0xFF, sampling >> 4, sampling & 15, data[c + 2] & 0xFF);
            if (component.h() < 1 || component.h() > 4 || component.v() < 1 || component.v() > 4 || component.quantizationTable() > 3) {
                throw new IOException("The JPEG has an invalid component " + component);
            }
            components[i] = component;
            maxH = Math.max(maxH, component.h());
            maxV = Math.max(maxV, component.v());
        }
        if (components[0].h() != maxH || components[0].v() != maxV) {
            throw new IOException("The JPEG's first component is not sampled at full resolution");
        }
    }

    private void readHuffmanTables(final JpegSegments.Segment segment) throws IOException {
        int at = segment.offset();
        final int end = at + segment.length();
        while (at < end) {
            if (at + 17 > end) {
                throw new IOException("The JPEG has a truncated Huffman table");
            }
            final int classAndId = data[at] & 0xFF;
            final int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = data[at + 1 + i] & 0xFF;
                total += counts[i];
            }
            at += 17;
            if (total > 256 || at + total > end || (classAndId >> 4) > 1 || (classAndId & 15) > 3) {
                throw new IOException("The JPEG has an invalid Huffman table");
            }
            final int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = data[at + i] & 0xFF;
            }
            at += total;
            (classAndId >> 4 == 0 ? dcTables : acTables)[classAndId & 15] = new HuffmanTable(counts, symbols);
        }
    }

    private void readQuantizationTables(final JpegSegments.Segment segment) throws IOException {
        int at = segment.offset();
        final int end = at + segment.length();
        while (at < end) {
            final int precisionAndId = data[at++] & 0xFF;
            final boolean sixteenBit = precisionAndId >> 4 == 1;
            if (precisionAndId >> 4 > 1 || (precisionAndId & 15) > 3 || at + (sixteenBit ? 128 : 64) > end) {
                throw new IOException("The JPEG has an invalid quantization table");
            }
            final int[] table = new int[64];
            for (int i = 0; i < 64; i++) {
                table[i] = sixteenBit ? JpegSegments.u16(data, at + 2 * i) : data[at + i] & 0xFF;
            }
            at += sixteenBit ? 128 : 64;
            quantization[precisionAndId & 15] = table;
        }
    }

    private boolean scanHasLuma(final JpegSegments.Segment scan) throws IOException {
        requireLength(scan, 1);
        final int count = data[scan.offset()] & 0xFF;
        requireLength(scan, 4 + 2 * count);
        for (int i = 0; i < count; i++) {
            if ((data[scan.offset() + 1 + 2 * i] & 0xFF) == components[0].id()) {
                return true;
            }
        }
        return false;
    }

    private void decodeScan(final JpegSegments.Segment scan) throws IOException {
        final int at = scan.offset();
        final int count = data[at] & 0xFF;
        final int spectral = at + 1 + 2 * count;
        if ((data[spectral] & 0xFF) != 0 || (data[spectral + 1] & 0xFF) != 63 || (data[spectral + 2] & 0xFF) != 0) {
            throw new IOException("The JPEG's scan is not sequential");
        }
        if (components.length == 3 && (adobeTransform == 0 || isRgbIds())) {
            throw new IOException("The JPEG stores RGB, not YCbCr");
        }
        if (count < 1 || count > 4) {
            throw new IOException("The JPEG's scan has " + count + " components");
        }
        final ScanComponent[] scanComponents = new ScanComponent[count];
        for (int i = 0; i < count; i++) {
            final int id = data[at + 1 + 2 * i] & 0xFF;
            final int tables = data[at + 2 + 2 * i] & 0xFF;
            final FrameComponent component = component(id);
            final HuffmanTable dc = dcTables[(tables >> 4) & 3];
            final HuffmanTable ac = acTables[tables & 3];
            if (dc == null || ac == null || (tables >> 4) > 3 || (tables & 15) > 3) {
                throw new IOException("The JPEG's scan uses an undefined Huffman table");
            }
            scanComponents[i] = new ScanComponent(dc, ac, component.h(), component.v(), id == components[0].id());
        }
        lumaQuantization = quantization[components[0].quantizationTable()];
        if (lumaQuantization == null) {
            throw new IOException("The JPEG has no quantization table for its luma");
        }
        pos = at + scan.length();
        final int perBlock = 8 / scale;
        if (count == 1) {
            // non-interleaved: the MCU is one block, and there are no padding blocks beyond the image
            final int blocksX = (width + 7) / 8;
            final int blocksY = (height + 7) / 8;
            allocate(blocksX * perBlock, blocksY * perBlock);
            final ScanComponent luma = scanComponents[0];
            int untilRestart = restartInterval;
            for (int by = 0; by < blocksY; by++) {
                for (int bx = 0; bx < blocksX; bx++) {
                    if (restartInterval > 0) {
                        if (untilRestart == 0) {
                            restart();
                            untilRestart = restartInterval;
                        }
                        untilRestart--;
                    }
                    decodeLumaBlock(luma.dc(), luma.ac(), bx, by);
                }
            }
        } else {
            final int mcusX = (width + 8 * maxH - 1) / (8 * maxH);
            final int mcusY = (height + 8 * maxV - 1) / (8 * maxV);
            allocate(mcusX * maxH * perBlock, mcusY * maxV * perBlock);
            int untilRestart = restartInterval;
            for (int my = 0; my < mcusY; my++) {
                for (int mx = 0; mx < mcusX; mx++) {
                    if (restartInterval > 0) {
                        if (untilRestart == 0) {
                            restart();
                            untilRestart = restartInterval;
                        }
                        untilRestart--;
                    }
                    for (final ScanComponent component : scanComponents) {
                        for (int v = 0; v < component.v(); v++) {
                            for (int h = 0; h < component.h(); h++) {
                                if (component.luma()) {
                                    decodeLumaBlock(component.dc(), component.ac(), mx * component.h() + h, my * component.v() + v);
                                } else {
                                    skipBlock(component.dc(), component.ac());
                                }
                            }
                        }
                    }
                }
            }
        }
        requireNoPaddingUsed();
    }

    private record ScanComponent(HuffmanTable dc, HuffmanTable ac, int h, int v, boolean luma) {
    }

    private FrameComponent component(final int id) throws IOException {
        for (final FrameComponent component : components) {
            if (component.id() == id) {
                return component;
            }
        }
        throw new IOException("The JPEG's scan names an unknown component " + id);
    }

    private boolean isRgbIds() {
        return components[0].id() == 'R' && components[1].id() == 'G' && components[2].id() == 'B';
    }

    private void allocate(final int outWidth, final int outHeight) {
        out = new byte[outWidth * outHeight];
        outStride = outWidth;
    }

    private void decodeLumaBlock(final HuffmanTable dc, final HuffmanTable ac, final int bx, final int by) throws IOException {
        fillIfLow();
        final int dcSize = decodeSymbol(dc);
        if (dcSize > 11) {
            throw new IOException("The JPEG has a corrupt DC coefficient");
        }
        if (dcSize != 0) {
            lumaPredictor += extend(takeBits(dcSize), dcSize);
        }
        int c1 = 0;
        int c2 = 0;
        int c4 = 0;
        int k = 1;
        while (k <= lastNeededCoefficient) {
            fillIfLow();
            final int runAndSize = decodeSymbol(ac);
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
            if (k > 63) {
                throw new IOException("The JPEG has a corrupt block");
            }
            final int value = extend(takeBits(size), size);
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

    private void skipBlock(final HuffmanTable dc, final HuffmanTable ac) throws IOException {
        fillIfLow();
        final int dcSize = decodeSymbol(dc);
        if (dcSize > 11) {
            throw new IOException("The JPEG has a corrupt DC coefficient");
        }
        bitCount -= dcSize;
        skipCoefficients(ac, 1);
    }

    private void skipCoefficients(final HuffmanTable ac, final int from) throws IOException {
        int k = from;
        while (k < 64) {
            fillIfLow();
            final int runAndSize = decodeSymbol(ac);
            final int size = runAndSize & 15;
            if (size == 0) {
                if (runAndSize != 0xF0) {
                    return;
                }
                k += 16;
            } else {
                k += (runAndSize >> 4) + 1;
                bitCount -= size;
            }
        }
        if (k > 64) {
            throw new IOException("The JPEG has a corrupt block");
        }
    }

    private static byte clamp(final float value) {
        return (byte) Math.max(0, Math.min(255, (int) value));
    }

    private static int extend(final int value, final int size) {
        return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
    }

    /** Makes sure a code (at most 16 bits) and its extra bits (at most 15) are in the buffer. */
    private void fillIfLow() throws IOException {
        if (bitCount < 32) {
            fill();
        }
    }

    private int takeBits(final int count) {
        bitCount -= count;
        return (int) (bits >>> bitCount) & ((1 << count) - 1);
    }

    private int decodeSymbol(final HuffmanTable table) throws IOException {
        final int entry = table.lookahead[(int) (bits >>> (bitCount - HuffmanTable.LOOKAHEAD_BITS)) & ((1 << HuffmanTable.LOOKAHEAD_BITS) - 1)];
        if (entry != 0) {
            bitCount -= entry >> 8;
            return entry & 0xFF;
        }
        for (int length = HuffmanTable.LOOKAHEAD_BITS + 1; length <= 16; length++) {
            final int code = (int) (bits >>> (bitCount - length)) & ((1 << length) - 1);
            if (code <= table.maxCode[length]) {
                bitCount -= length;
                return table.symbols[code + table.symbolOffset[length]];
            }
        }
        throw new IOException("The JPEG has an invalid Huffman code");
    }

    /** Loads bytes until the buffer holds more than 56 bits, unstuffing 0xFF00; at a marker or the end, loads zeros. */
    private void fill() throws IOException {
        while (bitCount <= 56) {
            int next = 0;
            if (atMarker) {
                if (++paddingBytes > MAX_PADDING_BYTES) {
                    throw new IOException("The JPEG's data ends early (truncated or corrupt)");
                }
            } else if (pos >= data.length) {
                atMarker = true;
                continue;
            } else {
                next = data[pos] & 0xFF;
                if (next == 0xFF) {
                    final int following = pos + 1 < data.length ? data[pos + 1] & 0xFF : -1;
                    if (following == 0) {
                        pos += 2;
                    } else if (following == 0xFF) {
                        pos++; // a fill byte before a marker
                        continue;
                    } else {
                        atMarker = true;
                        continue;
                    }
                } else {
                    pos++;
                }
            }
            bits = (bits << 8) | next;
            bitCount += 8;
        }
    }

    /** Zeros stand in for bytes past a marker; decoding must not have used any of them. */
    private void requireNoPaddingUsed() throws IOException {
        if (paddingBytes * 8 > bitCount) {
            throw new IOException("The JPEG's data ends early (truncated or corrupt)");
        }
    }

    private void restart() throws IOException {
        requireNoPaddingUsed();
        int at = pos;
        while (at + 1 < data.length && !((data[at] & 0xFF) == 0xFF && data[at + 1] != 0 && (data[at + 1] & 0xFF) != 0xFF)) {
            at++;
        }
        if (at + 1 >= data.length || (data[at + 1] & 0xFF) != 0xD0 + (restartCount & 7)) {
            throw new IOException("The JPEG lacks restart marker " + (restartCount & 7));
        }
        restartCount++;
        pos = at + 2;
        bits = 0;
        bitCount = 0;
        atMarker = false;
        paddingBytes = 0;
        lumaPredictor = 0;
    }

    private ScaledLuma cropped() {
        final int croppedWidth = (width + scale - 1) / scale;
        final int croppedHeight = (height + scale - 1) / scale;
        final byte[] pixels = new byte[croppedWidth * croppedHeight];
        for (int y = 0; y < croppedHeight; y++) {
            System.arraycopy(out, y * outStride, pixels, y * croppedWidth, croppedWidth);
        }
        return new ScaledLuma(width, height, scale, croppedWidth, croppedHeight, pixels, false);
    }

    private static void requireLength(final JpegSegments.Segment segment, final int length) throws IOException {
        if (segment.length() < length) {
            throw new IOException("The JPEG has a truncated segment 0x" + Integer.toHexString(segment.marker()));
        }
    }
}

package dev.nifiidcard.camera.gate;

import dev.nifiidcard.commons.jpeg.JpegMarkers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;

import static dev.nifiidcard.commons.jpeg.JpegMarkers.APP14;
import static dev.nifiidcard.commons.jpeg.JpegMarkers.DHT;
import static dev.nifiidcard.commons.jpeg.JpegMarkers.DQT;
import static dev.nifiidcard.commons.jpeg.JpegMarkers.DRI;

/**
 * What the segments before a scan declare, checked against what {@link BaselineLumaDecoder} can decode: the frame
 * header (SOF0/SOF1 only), the Huffman (DHT) and quantization (DQT) tables, the restart interval (DRI) and Adobe's
 * colour transform (APP14). Tables may be redefined between scans, so each segment simply overwrites what it names.
 *
 * <p>Until a DHT redefines them, tables 0 and 1 are the standard ones of T.81 Annex K.3: Motion-JPEG frames (what UVC
 * webcams send, AVI1) leave them out, and libjpeg assumes them too. What the fast decoder cannot read but ImageIO can
 * is a {@link NeedsGeneralDecoderException}; anything else is refused ({@link RefusedFrameException}).
 */
final class FrameHeaders {

    /** A sequential frame needs at most 4 DC, 4 AC and 4 quantization tables per scan, and has at most 4 scans. */
    static final int MAX_TABLE_DEFINITIONS = 64;
    private static final HuffmanTable STANDARD_DC_LUMINANCE = HuffmanTable.of(JPEGHuffmanTable.StdDCLuminance);
    private static final HuffmanTable STANDARD_DC_CHROMINANCE = HuffmanTable.of(JPEGHuffmanTable.StdDCChrominance);
    private static final HuffmanTable STANDARD_AC_LUMINANCE = HuffmanTable.of(JPEGHuffmanTable.StdACLuminance);
    private static final HuffmanTable STANDARD_AC_CHROMINANCE = HuffmanTable.of(JPEGHuffmanTable.StdACChrominance);

    private final byte[] data;
    private final int[][] quantization = new int[4][];
    private final HuffmanTable[] dcTables = {STANDARD_DC_LUMINANCE, STANDARD_DC_CHROMINANCE, null, null};
    private final HuffmanTable[] acTables = {STANDARD_AC_LUMINANCE, STANDARD_AC_CHROMINANCE, null, null};
    private int tableDefinitions;
    private int restartInterval;
    private int adobeTransform = -1;
    private FrameComponent[] components;
    private int width;
    private int height;
    private int maxH;
    private int maxV;

    private record FrameComponent(int id, int h, int v, int quantizationTable) {
    }

    /**
     * One component of a scan, as its blocks are decoded.
     *
     * @param luma whether it is the frame's first component, the only one whose coefficients are kept
     */
    record ScanComponent(HuffmanTable dc, HuffmanTable ac, int h, int v, boolean luma) {
    }

    FrameHeaders(final byte[] data) {
        this.data = data;
    }

    void read(final JpegSegments.Segment segment) throws IOException {
        final int marker = segment.marker();
        if (JpegMarkers.isStartOfFrame(marker)) {
            if (components != null) {
                throw RefusedFrameException.corrupt("The JPEG has a second frame header");
            }
            requireSequentialHuffman(marker);
            readFrameHeader(segment);
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

    /**
     * Progressive frames go to ImageIO (within its budget); the other processes are refused here, as ImageIO's libjpeg
     * does not read them either: arithmetic coding (SOF9..SOF15), lossless (SOF3) and hierarchical (SOF5..SOF7).
     */
    private static void requireSequentialHuffman(final int marker) throws IOException {
        final String name = "SOF" + (marker - 0xC0);
        if (marker == 0xC2) {
            throw new NeedsGeneralDecoderException("The JPEG is progressive (" + name + ")");
        }
        if (marker >= 0xC9) {
            throw RefusedFrameException.unsupported("The JPEG is arithmetic-coded (" + name
                    + "); set the camera to baseline (Huffman) JPEG");
        }
        if (marker != 0xC0 && marker != 0xC1) {
            throw RefusedFrameException.unsupported("The JPEG is lossless or hierarchical (" + name + ")");
        }
    }

    private void readFrameHeader(final JpegSegments.Segment segment) throws IOException {
        requireLength(segment, 6);
        final int at = segment.offset();
        if ((data[at] & 0xFF) != 8) {
            throw RefusedFrameException.unsupported("The JPEG has " + (data[at] & 0xFF) + "-bit samples");
        }
        height = JpegSegments.u16(data, at + 1);
        width = JpegSegments.u16(data, at + 3);
        final int count = data[at + 5] & 0xFF;
        if (width == 0 || height == 0) {
            throw RefusedFrameException.unsupported("The JPEG declares its height later (DNL) or has no pixels");
        }
        ScaledJpegDecoder.requireAnalysable(width, height);
        if (count == 0 || count > 4) {
            throw RefusedFrameException.corrupt("The JPEG has " + count + " components");
        }
        if (count != 1 && count != 3) {
            throw new NeedsGeneralDecoderException("The JPEG has " + count + " components (not grayscale or YCbCr)");
        }
        requireLength(segment, 6 + 3 * count);
        components = new FrameComponent[count];
        for (int i = 0; i < count; i++) {
            final int c = at + 6 + 3 * i;
            final int sampling = data[c + 1] & 0xFF;
            final FrameComponent component = new FrameComponent(data[c] & 0xFF, sampling >> 4, sampling & 15, data[c + 2] & 0xFF);
            if (component.h() < 1 || component.h() > 4 || component.v() < 1 || component.v() > 4 || component.quantizationTable() > 3) {
                throw RefusedFrameException.corrupt("The JPEG has an invalid component " + component);
            }
            components[i] = component;
            maxH = Math.max(maxH, component.h());
            maxV = Math.max(maxV, component.v());
        }
        // the luma's blocks are placed by the MCU grid, which is only its own grid at full resolution
        if (components[0].h() != maxH || components[0].v() != maxV) {
            throw new NeedsGeneralDecoderException("The JPEG's first component is not sampled at full resolution");
        }
    }

    private void readHuffmanTables(final JpegSegments.Segment segment) throws IOException {
        int at = segment.offset();
        final int end = at + segment.length();
        while (at < end) {
            if (at + 17 > end) {
                throw RefusedFrameException.corrupt("The JPEG has a truncated Huffman table");
            }
            final int classAndId = data[at] & 0xFF;
            final int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = data[at + 1 + i] & 0xFF;
                total += counts[i];
            }
            at += 17;
            countTableDefinition();
            if (total > 256 || at + total > end || (classAndId >> 4) > 1 || (classAndId & 15) > 3) {
                throw RefusedFrameException.corrupt("The JPEG has an invalid Huffman table");
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
            countTableDefinition();
            if (precisionAndId >> 4 > 1 || (precisionAndId & 15) > 3 || at + (sixteenBit ? 128 : 64) > end) {
                throw RefusedFrameException.corrupt("The JPEG has an invalid quantization table");
            }
            final int[] table = new int[64];
            for (int i = 0; i < 64; i++) {
                table[i] = sixteenBit ? JpegSegments.u16(data, at + 2 * i) : data[at + i] & 0xFF;
            }
            at += sixteenBit ? 128 : 64;
            quantization[precisionAndId & 15] = table;
        }
    }

    /** Each table is allocated as it is read: a flood of definitions must not allocate one each. */
    private void countTableDefinition() throws IOException {
        if (++tableDefinitions > MAX_TABLE_DEFINITIONS) {
            throw RefusedFrameException.overBudget("The JPEG defines more than " + MAX_TABLE_DEFINITIONS
                    + " Huffman tables and quantization tables");
        }
    }

    /** Whether a frame header came before the scan; a scan cannot be read without one. */
    boolean hasFrame() {
        return components != null;
    }

    boolean scanHasLuma(final JpegSegments.Segment scan) throws IOException {
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

    /** The components of a scan that {@link #scanHasLuma} accepted, in the order their blocks come in each MCU. */
    ScanComponent[] scanComponents(final JpegSegments.Segment scan) throws IOException {
        final int at = scan.offset();
        final int count = data[at] & 0xFF;
        final int spectral = at + 1 + 2 * count;
        if ((data[spectral] & 0xFF) != 0 || (data[spectral + 1] & 0xFF) != 63 || (data[spectral + 2] & 0xFF) != 0) {
            throw RefusedFrameException.corrupt("The JPEG's scan is not sequential");
        }
        if (components.length == 3 && (adobeTransform == 0 || isRgbIds())) {
            throw new NeedsGeneralDecoderException("The JPEG stores RGB, not YCbCr");
        }
        if (count < 1 || count > 4) {
            throw RefusedFrameException.corrupt("The JPEG's scan has " + count + " components");
        }
        final ScanComponent[] scanComponents = new ScanComponent[count];
        for (int i = 0; i < count; i++) {
            final int id = data[at + 1 + 2 * i] & 0xFF;
            final int tables = data[at + 2 + 2 * i] & 0xFF;
            final FrameComponent component = component(id);
            final HuffmanTable dc = dcTables[(tables >> 4) & 3];
            final HuffmanTable ac = acTables[tables & 3];
            if (dc == null || ac == null || (tables >> 4) > 3 || (tables & 15) > 3) {
                throw RefusedFrameException.corrupt("The JPEG's scan uses an undefined Huffman table");
            }
            scanComponents[i] = new ScanComponent(dc, ac, component.h(), component.v(), id == components[0].id());
        }
        return scanComponents;
    }

    int[] lumaQuantization() throws IOException {
        final int[] table = quantization[components[0].quantizationTable()];
        if (table == null) {
            throw RefusedFrameException.corrupt("The JPEG has no quantization table for its luma");
        }
        return table;
    }

    private FrameComponent component(final int id) throws IOException {
        for (final FrameComponent component : components) {
            if (component.id() == id) {
                return component;
            }
        }
        throw RefusedFrameException.corrupt("The JPEG's scan names an unknown component " + id);
    }

    private boolean isRgbIds() {
        return components[0].id() == 'R' && components[1].id() == 'G' && components[2].id() == 'B';
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int maxH() {
        return maxH;
    }

    int maxV() {
        return maxV;
    }

    int restartInterval() {
        return restartInterval;
    }

    private static void requireLength(final JpegSegments.Segment segment, final int length) throws IOException {
        if (segment.length() < length) {
            throw RefusedFrameException.corrupt("The JPEG has a truncated segment 0x" + Integer.toHexString(segment.marker()));
        }
    }
}

package dev.nifiidcard.camera.gate;

import java.io.IOException;
import java.util.List;

/**
 * Decodes the luma of a baseline (SOF0) or extended sequential 8-bit (SOF1) Huffman JPEG at 1/4 or 1/8 scale, and
 * refuses it as corrupt when its data does not decode exactly: a bad code, a coefficient past 63 or out of range, a
 * restart marker missing or out of turn, blocks ending before or after the data.
 *
 * <p>Every coefficient of every component still has to be Huffman-decoded to find the next one, but only the few the
 * scaled inverse DCT needs are kept ({@link LumaBlockDecoder}). Chroma is skipped, there is no colour conversion and
 * no full-size buffer. Progressive, RGB or CMYK JPEGs are a {@link NeedsGeneralDecoderException}; everything else it
 * cannot read is a {@link RefusedFrameException}.
 *
 * <p>This class walks the segments to the scan that carries the luma ({@link FrameHeaders} keeps what they declare)
 * and steps through that scan's blocks in file order; {@link EntropyBitReader} reads the bits.
 */
final class BaselineLumaDecoder {

    /** A sequential frame has one scan per component at most. */
    private static final int MAX_SCANS = 4;
    /** Every block takes a DC code and an end-of-block code, at least one bit each. */
    private static final int MIN_BITS_PER_BLOCK = 2;

    private final byte[] data;
    private final int scale;
    private final FrameHeaders headers;

    BaselineLumaDecoder(final byte[] data, final int scale) {
        this.data = data;
        this.scale = scale;
        this.headers = new FrameHeaders(data);
    }

    ScaledLuma decode() throws IOException {
        final JpegSegments walk = JpegSegments.of(data);
        List<JpegSegments.Segment> segments = walk.upToNextScan();
        for (int scans = 1; ; scans++) {
            for (final JpegSegments.Segment segment : segments.subList(0, segments.size() - 1)) {
                headers.read(segment);
            }
            final JpegSegments.Segment scan = segments.getLast();
            if (!headers.hasFrame()) {
                throw RefusedFrameException.corrupt("The JPEG has no frame header before its first scan");
            }
            if (headers.scanHasLuma(scan)) {
                return decodeScan(scan);
            }
            if (scans == MAX_SCANS) {
                throw RefusedFrameException.corrupt("The JPEG has no luma in its first " + MAX_SCANS + " scans");
            }
            // a multi-scan sequential JPEG whose luma comes in a later scan: this scan's data can be skipped unread
            segments = walk.upToNextScan();
        }
    }

    private ScaledLuma decodeScan(final JpegSegments.Segment scan) throws IOException {
        final FrameHeaders.ScanComponent[] scanComponents = headers.scanComponents(scan);
        final int[] lumaQuantization = headers.lumaQuantization();
        final int dataStart = scan.offset() + scan.length();
        final EntropyBitReader bits = new EntropyBitReader(data, dataStart);
        // checked before the output is allocated
        RefusedFrameException.requireRoomFor(blocksInScan(scanComponents), data.length - dataStart, MIN_BITS_PER_BLOCK);
        final int perBlock = 8 / scale;
        final byte[] out;
        final int outStride;
        if (scanComponents.length == 1) {
            // non-interleaved: the MCU is one block, and there are no padding blocks beyond the image
            final int blocksX = (headers.width() + 7) / 8;
            final int blocksY = (headers.height() + 7) / 8;
            outStride = blocksX * perBlock;
            out = new byte[outStride * blocksY * perBlock];
            decodeBlocks(new LumaBlockDecoder(bits, scale, lumaQuantization, out, outStride, headers.restartInterval()), scanComponents[0], blocksX, blocksY);
        } else {
            final int maxH = headers.maxH();
            final int maxV = headers.maxV();
            final int mcusX = (headers.width() + 8 * maxH - 1) / (8 * maxH);
            final int mcusY = (headers.height() + 8 * maxV - 1) / (8 * maxV);
            outStride = mcusX * maxH * perBlock;
            out = new byte[outStride * mcusY * maxV * perBlock];
            decodeMcus(new LumaBlockDecoder(bits, scale, lumaQuantization, out, outStride, headers.restartInterval()), scanComponents, mcusX, mcusY);
        }
        bits.requireEndOfData();
        return cropped(out, outStride);
    }

    private long blocksInScan(final FrameHeaders.ScanComponent[] scanComponents) {
        if (scanComponents.length == 1) {
            return (long) ((headers.width() + 7) / 8) * ((headers.height() + 7) / 8);
        }
        long perMcu = 0;
        for (final FrameHeaders.ScanComponent component : scanComponents) {
            perMcu += (long) component.h() * component.v();
        }
        final long mcus = (long) ((headers.width() + 8 * headers.maxH() - 1) / (8 * headers.maxH()))
                * ((headers.height() + 8 * headers.maxV() - 1) / (8 * headers.maxV()));
        return mcus * perMcu;
    }

    private static void decodeBlocks(final LumaBlockDecoder blocks, final FrameHeaders.ScanComponent luma, final int blocksX,
                                     final int blocksY) throws IOException {
        for (int by = 0; by < blocksY; by++) {
            for (int bx = 0; bx < blocksX; bx++) {
                blocks.startMcu();
                blocks.decodeLumaBlock(luma.dc(), luma.ac(), bx, by);
            }
        }
    }

    private static void decodeMcus(final LumaBlockDecoder blocks, final FrameHeaders.ScanComponent[] scanComponents,
                                   final int mcusX, final int mcusY) throws IOException {
        for (int my = 0; my < mcusY; my++) {
            for (int mx = 0; mx < mcusX; mx++) {
                blocks.startMcu();
                for (final FrameHeaders.ScanComponent component : scanComponents) {
                    for (int v = 0; v < component.v(); v++) {
                        for (int h = 0; h < component.h(); h++) {
                            if (component.luma()) {
                                blocks.decodeLumaBlock(component.dc(), component.ac(), mx * component.h() + h, my * component.v() + v);
                            } else {
                                blocks.skipBlock(component.dc(), component.ac());
                            }
                        }
                    }
                }
            }
        }
    }

    /** The decoded blocks cover whole blocks or MCUs; the image ends within the last of them. */
    private ScaledLuma cropped(final byte[] out, final int outStride) {
        final int width = headers.width();
        final int height = headers.height();
        final int croppedWidth = (width + scale - 1) / scale;
        final int croppedHeight = (height + scale - 1) / scale;
        final byte[] pixels = new byte[croppedWidth * croppedHeight];
        for (int y = 0; y < croppedHeight; y++) {
            System.arraycopy(out, y * outStride, pixels, y * croppedWidth, croppedWidth);
        }
        return new ScaledLuma(width, height, scale, croppedWidth, croppedHeight, pixels, false);
    }
}

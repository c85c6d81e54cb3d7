package dev.nifiidcard.camera.gate;

import java.io.IOException;

/**
 * The bits of one scan's entropy-coded data, most significant first, with the JPEG byte rules applied: {@code FF 00}
 * is a data byte {@code FF}, {@code FF FF} is fill before a marker, and any other {@code FF xx} is a marker that ends
 * the data (until a restart skips past it).
 *
 * <p>A 64-bit buffer is topped up only when it runs low, so that one check serves a whole code and its extra bits.
 * Past a marker or the end of the bytes it is topped up with zeros, which the decoder must never actually use:
 * {@link #requireNoPaddingUsed()} says so when an interval or the scan ends.
 */
final class EntropyBitReader {

    /** More zero bytes than the bit buffer can hold unread means the decoder used bytes the file does not have. */
    private static final int MAX_PADDING_BYTES = 16;

    private final byte[] data;
    private int pos;
    private long bits;
    private int bitCount;
    private boolean atMarker;
    private int paddingBytes;
    private int restartCount;

    /** @param start where the entropy-coded data begins, right after the scan header */
    EntropyBitReader(final byte[] data, final int start) {
        this.data = data;
        this.pos = start;
    }

    /** Makes sure a code (at most 16 bits) and its extra bits (at most 15) are in the buffer. */
    void fillIfLow() throws IOException {
        if (bitCount < 32) {
            fill();
        }
    }

    int takeBits(final int count) {
        bitCount -= count;
        return (int) (bits >>> bitCount) & ((1 << count) - 1);
    }

    /** Drops bits whose value does not matter, such as the extra bits of a skipped coefficient. */
    void skipBits(final int count) {
        bitCount -= count;
    }

    int decodeSymbol(final HuffmanTable table) throws IOException {
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
        throw RefusedFrameException.corrupt("The JPEG has an invalid Huffman code");
    }

    /** Loads bytes until the buffer holds more than 56 bits, unstuffing 0xFF00; at a marker or the end, loads zeros. */
    private void fill() throws IOException {
        while (bitCount <= 56) {
            int next = 0;
            if (atMarker) {
                if (++paddingBytes > MAX_PADDING_BYTES) {
                    throw RefusedFrameException.corrupt("The JPEG's data ends early (truncated or corrupt)");
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
    void requireNoPaddingUsed() throws IOException {
        if (paddingBytes * 8 > bitCount) {
            throw RefusedFrameException.corrupt("The JPEG's data ends early (truncated or corrupt)");
        }
    }

    /**
     * Checks that the scan's last block ended where its data does: only the padding of the last byte may be left
     * before the next marker. A decoder that lost step with the data (a damaged byte) ends elsewhere.
     */
    void requireEndOfData() throws IOException {
        requireAtMarker();
        if (!atMarker && pos < data.length && !isMarkerAt(pos)) {
            throw RefusedFrameException.corrupt("The JPEG's scan has data after its last block");
        }
    }

    /**
     * Moves past the next restart marker, which must be RST0..RST7 in turn and come right after the interval's last
     * block, and empties the buffer: the bits left in it are the byte padding at the end of the interval.
     */
    void restart() throws IOException {
        requireAtMarker();
        int at = pos;
        while (at + 1 < data.length && (data[at] & 0xFF) == 0xFF && (data[at + 1] & 0xFF) == 0xFF) {
            at++; // fill bytes
        }
        if (at + 1 >= data.length || (data[at] & 0xFF) != 0xFF || (data[at + 1] & 0xFF) != 0xD0 + (restartCount & 7)) {
            throw RefusedFrameException.corrupt("The JPEG lacks restart marker " + (restartCount & 7) + " after an interval");
        }
        restartCount++;
        pos = at + 2;
        bits = 0;
        bitCount = 0;
        atMarker = false;
        paddingBytes = 0;
    }

    /** No padding zeros used, and less than a byte of real bits left: the bytes after {@code pos} come next. */
    private void requireAtMarker() throws IOException {
        requireNoPaddingUsed();
        final int unusedBits = bitCount - 8 * paddingBytes;
        if (unusedBits >= 8) {
            throw RefusedFrameException.corrupt("The JPEG's blocks end " + unusedBits / 8 + " bytes before the data does");
        }
    }

    private boolean isMarkerAt(final int at) {
        return (data[at] & 0xFF) == 0xFF && (at + 1 >= data.length || data[at + 1] != 0);
    }
}

package dev.nifiidcard.camera.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;

/** A JPEG Huffman table, with a lookup of the next few bits that resolves almost every code in one step. */
final class HuffmanTable {

    static final int LOOKAHEAD_BITS = 9;

    /** For each {@value #LOOKAHEAD_BITS}-bit prefix: (code length &lt;&lt; 8) | symbol, or 0 when the code is longer. */
    final int[] lookahead = new int[1 << LOOKAHEAD_BITS];
    /** The largest code of each length 1..16, or -1 when there is none of that length. */
    final int[] maxCode = new int[17];
    /** Added to a code of that length, the index of its symbol. */
    final int[] symbolOffset = new int[17];
    final int[] symbols;

    /** One of the JDK's copies of the standard tables of T.81 Annex K.3. */
    static HuffmanTable of(final JPEGHuffmanTable standard) {
        final short[] lengths = standard.getLengths();
        final short[] values = standard.getValues();
        final int[] counts = new int[16];
        final int[] symbols = new int[values.length];
        for (int i = 0; i < 16; i++) {
            counts[i] = lengths[i];
        }
        for (int i = 0; i < values.length; i++) {
            symbols[i] = values[i];
        }
        try {
            return new HuffmanTable(counts, symbols);
        } catch (final IOException e) {
            throw new UncheckedIOException("a standard Huffman table is invalid", e);
        }
    }

    /**
     * @param counts  {@code counts[length - 1]}: how many codes have each length from 1 to 16
     * @param symbols the symbols in order of increasing code
     */
    HuffmanTable(final int[] counts, final int[] symbols) throws IOException {
        this.symbols = symbols;
        int code = 0;
        int index = 0;
        for (int length = 1; length <= 16; length++) {
            symbolOffset[length] = index - code;
            for (int i = 0; i < counts[length - 1]; i++) {
                if (code >= 1 << length) {
                    throw RefusedFrameException.corrupt("The JPEG has an invalid Huffman table");
                }
                if (length <= LOOKAHEAD_BITS) {
                    final int shift = LOOKAHEAD_BITS - length;
                    final int entry = (length << 8) | symbols[index];
                    for (int fill = 0; fill < 1 << shift; fill++) {
                        lookahead[(code << shift) | fill] = entry;
                    }
                }
                code++;
                index++;
            }
            maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
            code <<= 1;
        }
    }
}

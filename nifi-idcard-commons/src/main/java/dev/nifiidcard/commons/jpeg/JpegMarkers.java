package dev.nifiidcard.commons.jpeg;

/** JPEG marker codes (the byte after {@code FF}) and which of them carry a segment (ITU T.81, table B.1). */
public final class JpegMarkers {

    public static final int SOI = 0xD8;
    public static final int EOI = 0xD9;
    public static final int SOS = 0xDA;
    public static final int COM = 0xFE;
    /** The table and parameter segments a decoder reads: Huffman tables, quantization tables, restart interval, Adobe. */
    public static final int DHT = 0xC4;
    public static final int DQT = 0xDB;
    public static final int DRI = 0xDD;
    public static final int APP14 = 0xEE;

    /** The byte every marker starts with; runs of it are fill bytes. */
    static final int PREFIX = 0xFF;
    /** {@code FF 00} is a data byte {@code FF} inside entropy-coded data, never a marker. */
    static final int STUFFED_ZERO = 0x00;

    private static final int TEM = 0x01;
    private static final int RST0 = 0xD0;
    private static final int RST7 = 0xD7;
    private static final int JPG = 0xC8;
    private static final int DAC = 0xCC;

    private JpegMarkers() {
    }

    /** SOF0 to SOF15: the frame header that declares the size; C4, C8 and CC share the range but are not frames. */
    public static boolean isStartOfFrame(final int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != DHT && marker != JPG && marker != DAC;
    }

    /** Markers with no length and no payload: SOI, EOI, TEM and RST0 to RST7. */
    public static boolean isStandalone(final int marker) {
        return marker == SOI || marker == EOI || marker == TEM || isRestart(marker);
    }

    /** RST0 to RST7, which stand between the intervals of one scan's entropy-coded data. */
    public static boolean isRestart(final int marker) {
        return marker >= RST0 && marker <= RST7;
    }
}

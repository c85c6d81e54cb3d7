package dev.nifiidcard.commons.jpeg;

/** A JPEG held in memory; its position tells where a segment's payload starts. */
public final class ByteArrayJpegSource implements JpegSource {

    private final byte[] jpeg;
    private int position;

    public ByteArrayJpegSource(final byte[] jpeg, final int start) {
        if (start < 0 || start > jpeg.length) {
            throw new IllegalArgumentException("start " + start + " is outside the " + jpeg.length + " bytes");
        }
        this.jpeg = jpeg;
        this.position = start;
    }

    public ByteArrayJpegSource(final byte[] jpeg) {
        this(jpeg, 0);
    }

    /** The index of the byte {@link #read()} returns next. */
    public int position() {
        return position;
    }

    @Override
    public int read() {
        return position < jpeg.length ? jpeg[position++] & 0xFF : END;
    }

    @Override
    public boolean skip(final int count) {
        if (count > jpeg.length - position) {
            position = jpeg.length;
            return false;
        }
        position += count;
        return true;
    }

    @Override
    public int skipToPrefix() {
        while (position < jpeg.length) {
            if (jpeg[position++] == (byte) JpegMarkers.PREFIX) {
                return JpegMarkers.PREFIX;
            }
        }
        return END;
    }
}

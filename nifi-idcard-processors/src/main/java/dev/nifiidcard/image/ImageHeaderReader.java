package dev.nifiidcard.image;

import dev.nifiidcard.commons.jpeg.JpegFrameSize;
import dev.nifiidcard.commons.jpeg.JpegMarkerWalker;
import dev.nifiidcard.commons.jpeg.JpegSource;
import dev.nifiidcard.commons.jpeg.MalformedJpegException;
import dev.nifiidcard.ocr.ImageFormat;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the format and dimensions of a JPEG, PNG or BMP from its first bytes. Nothing is decoded, so a
 * huge or hostile image costs only the bytes up to its size fields (for JPEG, the segments before the frame header
 * are skipped, not read into memory, and the size is that of the frame header libjpeg would decode).
 */
public final class ImageHeaderReader {

    public static final String EMPTY = "Local.EmptyContent";
    public static final String UNSUPPORTED_FORMAT = "Local.UnsupportedFormat";
    public static final String CORRUPT = "Local.CorruptImage";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageHeaderReader() {
    }

    public static ImageHeader read(final InputStream content) throws IOException, UnreadableImageException {
        // a caller that goes on reading after the header passes a stream that buffers (and marks) itself
        final DataInputStream in = new DataInputStream(content.markSupported() ? content : new BufferedInputStream(content, 512));
        in.mark(16);
        final byte[] magic = in.readNBytes(12);
        in.reset();
        if (magic.length == 0) {
            throw new UnreadableImageException(EMPTY, "The content is empty");
        }
        try {
            if (magic.length >= 3 && (magic[0] & 0xFF) == 0xFF && (magic[1] & 0xFF) == 0xD8 && (magic[2] & 0xFF) == 0xFF) {
                return readJpeg(in);
            }
            if (magic.length >= 8 && Arrays.equals(magic, 0, 8, PNG_SIGNATURE, 0, 8)) {
                return readPng(in);
            }
            if (magic.length >= 2 && magic[0] == 'B' && magic[1] == 'M') {
                return readBmp(in);
            }
        } catch (final EOFException e) {
            throw new UnreadableImageException(CORRUPT, "The image ends before its size is declared");
        }
        throw new UnreadableImageException(UNSUPPORTED_FORMAT,
                "The content is not a JPEG, PNG or BMP image" + describe(magic) + "; ID card OCR providers accept only those");
    }

    private static ImageHeader readJpeg(final InputStream in) throws IOException, UnreadableImageException {
        try {
            final JpegFrameSize size = JpegMarkerWalker.afterStartOfImage(JpegSource.of(in)).frameSize();
            return dimensions(ImageFormat.JPEG, size.width(), size.height());
        } catch (final MalformedJpegException e) {
            throw new UnreadableImageException(CORRUPT, e.getMessage());
        }
    }

    private static ImageHeader readPng(final DataInputStream in) throws IOException, UnreadableImageException {
        in.skipNBytes(8);
        in.skipNBytes(4);
        final byte[] type = in.readNBytes(4);
        if (!"IHDR".equals(new String(type, StandardCharsets.US_ASCII))) {
            throw new UnreadableImageException(CORRUPT, "The PNG does not start with its IHDR header");
        }
        final long width = Integer.toUnsignedLong(in.readInt());
        final long height = Integer.toUnsignedLong(in.readInt());
        return dimensions(ImageFormat.PNG, width, height);
    }

    private static ImageHeader readBmp(final DataInputStream in) throws IOException, UnreadableImageException {
        in.skipNBytes(14);
        final int headerSize = Integer.reverseBytes(in.readInt());
        if (headerSize == 12) {
            final int width = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            final int height = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            return dimensions(ImageFormat.BMP, width, height);
        }
        if (headerSize < 40) {
            throw new UnreadableImageException(CORRUPT, "The BMP header is not a known BITMAPINFOHEADER");
        }
        final long width = Integer.reverseBytes(in.readInt());
        // a negative height means rows are stored top-down
        final long height = Math.abs((long) Integer.reverseBytes(in.readInt()));
        return dimensions(ImageFormat.BMP, width, height);
    }

    private static ImageHeader dimensions(final ImageFormat format, final long width, final long height) throws UnreadableImageException {
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new UnreadableImageException(CORRUPT, "The " + format + " declares impossible dimensions " + width + "x" + height);
        }
        return new ImageHeader(format, (int) width, (int) height);
    }

    /** Names common formats that are not accepted, so the message says what the content actually is. */
    private static String describe(final byte[] magic) {
        final String ascii = new String(magic, StandardCharsets.ISO_8859_1);
        if (ascii.startsWith("GIF8")) {
            return " (it is a GIF)";
        }
        if (ascii.startsWith("RIFF") && ascii.length() >= 12 && ascii.startsWith("WEBP", 8)) {
            return " (it is a WebP)";
        }
        if (ascii.length() >= 12 && ascii.startsWith("ftyp", 4)) {
            return " (it is an HEIC/HEIF or MP4 container)";
        }
        if (ascii.startsWith("%PDF")) {
            return " (it is a PDF)";
        }
        if (ascii.startsWith("II*\0") || ascii.startsWith("MM\0*")) {
            return " (it is a TIFF)";
        }
        if (ascii.trim().startsWith("<")) {
            return " (it looks like HTML or XML text)";
        }
        return "";
    }
}

package dev.nifiidcard.image;

import dev.nifiidcard.commons.jpeg.JpegMarkerWalker;
import dev.nifiidcard.commons.jpeg.JpegMarkers;
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
 * Reads the format and dimensions of a JPEG, PNG or BMP from its first bytes, and refuses a header no decoder takes
 * (a JPEG frame libjpeg does not decode, PNG IHDR fields libpng refuses, a BMP header BMP readers refuse). Nothing
 * is decoded, so a huge or hostile image costs only the bytes up to its size fields (for JPEG, the segments before
 * the frame header are skipped, not read into memory, and the size is that of the frame header libjpeg decodes).
 */
public final class ImageHeaderReader {

    public static final String EMPTY = "Local.EmptyContent";
    public static final String UNSUPPORTED_FORMAT = "Local.UnsupportedFormat";
    public static final String CORRUPT = "Local.CorruptImage";
    public static final String UNSUPPORTED_ENCODING = "Local.UnsupportedImageEncoding";
    /** How far {@link #read} may go into a PNG or BMP: the stream it marks at its start can be reset to it. */
    static final int PNG_BMP_HEADER_LIMIT = 256;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageHeaderReader() {
    }

    public static ImageHeader read(final InputStream content) throws IOException, UnreadableImageException {
        // a caller that goes on reading after the header passes a stream that buffers (and marks) itself
        final DataInputStream in = new DataInputStream(content.markSupported() ? content : new BufferedInputStream(content, 512));
        in.mark(PNG_BMP_HEADER_LIMIT);
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

    /** Walks to the first frame header, the one libjpeg decodes, and checks it is one a decoder takes. */
    private static ImageHeader readJpeg(final InputStream in) throws IOException, UnreadableImageException {
        try {
            final JpegMarkerWalker walker = JpegMarkerWalker.afterStartOfImage(JpegSource.of(in));
            while (true) {
                final int marker = walker.next();
                if (marker == JpegMarkerWalker.END_OF_DATA) {
                    throw new EOFException();
                }
                if (marker == JpegMarkers.EOI || marker == JpegMarkers.SOS) {
                    throw new UnreadableImageException(CORRUPT, "The JPEG has no frame header before its data");
                }
                if (JpegMarkers.isStartOfFrame(marker)) {
                    final int[] size = JpegFrameHeader.check(marker, walker.readPayload());
                    return dimensions(ImageFormat.JPEG, size[0], size[1]);
                }
            }
        } catch (final MalformedJpegException e) {
            throw new UnreadableImageException(CORRUPT, e.getMessage());
        }
    }

    private static ImageHeader readPng(final DataInputStream in) throws IOException, UnreadableImageException {
        in.skipNBytes(8);
        final int length = in.readInt();
        final byte[] type = in.readNBytes(4);
        if (!"IHDR".equals(new String(type, StandardCharsets.US_ASCII)) || length != PngHeader.LENGTH) {
            throw new UnreadableImageException(CORRUPT, "The PNG does not start with its IHDR header");
        }
        final byte[] data = new byte[PngHeader.LENGTH];
        in.readFully(data);
        final PngHeader header = PngHeader.parse(data);
        return dimensions(ImageFormat.PNG, header.width(), header.height());
    }

    private static ImageHeader readBmp(final DataInputStream in) throws IOException, UnreadableImageException {
        final BmpHeader header = BmpHeader.read(in);
        return dimensions(ImageFormat.BMP, header.width(), header.height());
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

package dev.nifiidcard.provider.http;

import dev.nifiidcard.image.ImageHeaderReader;
import dev.nifiidcard.image.UnreadableImageException;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.ocr.ImageSource;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

import java.io.IOException;
import java.io.InputStream;

/**
 * The image's raw bytes as a request body (for a multipart file part), streamed from the content each time it is
 * written and never held.
 */
public final class ImagePartBody extends RequestBody {

    private final ImageSource image;
    private final ImageFormat format;

    private ImagePartBody(final ImageSource image, final ImageFormat format) {
        this.image = image;
        this.format = format;
    }

    /**
     * The image as a part, its type read from its first bytes (the processor has checked them already).
     *
     * @throws IdCardOcrException {@link IdCardOcrException#contentUnreadable} when the image cannot be read
     */
    public static ImagePartBody of(final ImageSource image) throws IdCardOcrException {
        try (InputStream in = image.open()) {
            return new ImagePartBody(image, ImageHeaderReader.read(in).format());
        } catch (final UnreadableImageException e) {
            throw IdCardOcrException.contentUnreadable(new IOException(e.getMessage(), e));
        } catch (final IOException e) {
            throw IdCardOcrException.contentUnreadable(e);
        }
    }

    /** A file name for the part's Content-Disposition, with the extension of the image's format. */
    public String fileName() {
        return switch (format) {
            case JPEG -> "idcard.jpg";
            case PNG -> "idcard.png";
            case BMP -> "idcard.bmp";
        };
    }

    @Override
    public MediaType contentType() {
        return MediaType.get(format.getMimeType());
    }

    @Override
    public long contentLength() {
        return image.length();
    }

    @Override
    public void writeTo(final BufferedSink sink) throws IOException {
        final long expected = image.length();
        try (InputStream in = image.open(); Source source = Okio.source(in)) {
            final long written = sink.writeAll(source);
            if (written != expected) {
                // never a silent short or long part: the multipart length was announced
                throw new IOException("The image has " + written + " bytes, not the " + expected + " announced");
            }
        }
    }
}

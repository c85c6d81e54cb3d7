package dev.nifiidcard.offline;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.ImageSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes the image streamed from its source, subsampled while decoding so that no side exceeds {@link #MAX_SIDE}:
 * a 50-megapixel photo never becomes a 200 MB raster, and text on a card that fills such a photo stays large enough.
 */
final class ImageDecoding {

    static final int MAX_SIDE = 4096;

    private ImageDecoding() {
    }

    static BufferedImage read(final ImageSource source) throws IdCardOcrException {
        try (InputStream in = source.open(); ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            final Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw undecodable("no decoder recognizes it");
            }
            final ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                final int longSide = Math.max(reader.getWidth(0), reader.getHeight(0));
                final ImageReadParam param = reader.getDefaultReadParam();
                final int step = (longSide + MAX_SIDE - 1) / MAX_SIDE;
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (final IdCardOcrException e) {
            throw e;
        } catch (final IIOException e) {
            throw undecodable(e.getMessage());
        } catch (final IOException e) {
            // the content repository failed, not the image: a later attempt may read it
            throw IdCardOcrException.contentUnreadable(e);
        }
    }

    private static IdCardOcrException undecodable(final String why) {
        return new IdCardOcrException(IdCardOcrException.LOCAL + "CorruptImage", "The image could not be decoded: " + why,
                IdCardOcrException.Category.LOCAL, false);
    }
}

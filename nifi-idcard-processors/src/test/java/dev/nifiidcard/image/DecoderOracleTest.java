package dev.nifiidcard.image;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The corpus against a local decoder, ImageIO (its JPEG reader is libjpeg 6b): what the pre-flight refuses must not
 * decode, what it passes must. Left out: refusals that follow libpng where ImageIO is laxer (a bad CRC, a second
 * IHDR: ImageIO checks neither), and cut JPEGs, which libjpeg and ImageIO pad with grey and Tencent answers with
 * ImageDecodeFailed (see the corpus README).
 */
class DecoderOracleTest {

    @ParameterizedTest
    @ValueSource(strings = {"bmp-7-bits-per-pixel.bmp", "bmp-rle8-24-bit.bmp", "bmp-truncated-pixels.bmp",
            "png-bad-bit-depth.png", "png-bad-interlace-method.png", "png-no-idat.png",
            "png-zlib-cut-short.png", "png-palette-without-plte.png", "jpeg-two-sof.jpg", "jpeg-12-bit.jpg",
            "jpeg-2-components.jpg", "jpeg-lossless-sof3.jpg", "jpeg-hierarchical-sof5.jpg", "jpeg-no-scan.jpg"})
    void whatThePreflightRefusesDoesNotDecode(final String file) throws IOException {
        final byte[] content = corpusFile(file);
        assertThrows(UnreadableImageException.class, () -> ImagePreflight.check(new ByteArrayInputStream(content), content.length,
                ImagePreflightTest.CONSTRAINTS));
        assertNull(decodeOrNull(content), file + " decodes in ImageIO");
    }

    @ParameterizedTest
    @ValueSource(strings = {"valid-png-split-idat.png", "valid-png-private-chunks.png", "valid-png-16bit-rgba.png",
            "valid-png-palette-trns.png", "valid-png-interlaced.png", "valid-png-no-iend.png", "valid.png", "valid.jpg", "valid.bmp"})
    void whatDecodesPasses(final String file) throws Exception {
        final byte[] content = corpusFile(file);
        assertNotNull(decodeOrNull(content), file + " does not decode in ImageIO");
        assertNotNull(ImagePreflight.check(new ByteArrayInputStream(content), content.length, ImagePreflightTest.CONSTRAINTS));
    }

    private static BufferedImage decodeOrNull(final byte[] content) {
        try {
            final BufferedImage image = ImageIO.read(new ByteArrayInputStream(content));
            // force the whole raster: a lazily cut image must fail here, not later
            return image == null ? null : image.getSubimage(0, 0, image.getWidth(), image.getHeight());
        } catch (final IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] corpusFile(final String name) throws IOException {
        try (InputStream in = DecoderOracleTest.class.getResourceAsStream("/bad-inputs/" + name)) {
            return in.readAllBytes();
        }
    }
}

package dev.nifiidcard.image;

import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.testing.TestImages;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageHeaderReaderTest {

    @Test
    void readsDimensionsOfEachAcceptedFormat() throws Exception {
        assertEquals(new ImageHeader(ImageFormat.JPEG, 640, 400), read(TestImages.jpeg(640, 400)));
        assertEquals(new ImageHeader(ImageFormat.PNG, 321, 207), read(TestImages.png(321, 207)));
        assertEquals(new ImageHeader(ImageFormat.BMP, 300, 200), read(TestImages.bmp(300, 200)));
    }

    @Test
    void skipsLargeSegmentsBeforeTheJpegFrame() throws Exception {
        final byte[] jpeg = TestImages.jpeg(500, 300);
        final ByteArrayOutputStream withComments = new ByteArrayOutputStream();
        withComments.write(jpeg, 0, 2);
        for (int i = 0; i < 20; i++) {
            withComments.write(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF});
            withComments.write(new byte[0xFFFD]);
        }
        withComments.write(jpeg, 2, jpeg.length - 2);
        assertEquals(new ImageHeader(ImageFormat.JPEG, 500, 300), read(withComments.toByteArray()));
    }

    @Test
    void pngDeclaringHugeDimensionsIsReadWithoutDecoding() throws Exception {
        final byte[] png = TestImages.png(200, 200);
        ByteBuffer.wrap(png, 16, 8).putInt(50_000).putInt(50_000);
        assertEquals(new ImageHeader(ImageFormat.PNG, 50_000, 50_000), read(png));
    }

    @Test
    void namesFormatsThatAreNotAccepted() {
        final UnreadableImageException gif = assertThrows(UnreadableImageException.class, () -> read(TestImages.gif(200, 200)));
        assertEquals(ImageHeaderReader.UNSUPPORTED_FORMAT, gif.getCode());
        assertTrue(gif.getMessage().contains("GIF"), gif.getMessage());

        final byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(UnreadableImageException.class, () -> read(webp)).getMessage().contains("WebP"));
        final byte[] html = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertThrows(UnreadableImageException.class, () -> read(html)).getMessage().contains("HTML"));
    }

    @Test
    void emptyAndTruncatedContent() {
        assertEquals(ImageHeaderReader.EMPTY, assertThrows(UnreadableImageException.class, () -> read(new byte[0])).getCode());
        final byte[] truncated = Arrays.copyOf(TestImages.jpeg(300, 200), 10);
        assertEquals(ImageHeaderReader.CORRUPT, assertThrows(UnreadableImageException.class, () -> read(truncated)).getCode());
        final byte[] oneByte = {(byte) 0xFF};
        assertEquals(ImageHeaderReader.UNSUPPORTED_FORMAT, assertThrows(UnreadableImageException.class, () -> read(oneByte)).getCode());
    }

    private static ImageHeader read(final byte[] content) throws Exception {
        return ImageHeaderReader.read(new ByteArrayInputStream(content));
    }
}

package dev.nifiidcard.image;

import dev.nifiidcard.commons.jpeg.ByteArrayJpegSource;
import dev.nifiidcard.commons.jpeg.JpegMarkerWalker;
import dev.nifiidcard.commons.jpeg.JpegMarkers;
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
    void stuffedZeroBeforeTheJpegFrameIsStrayNotASegment() throws Exception {
        final byte[] jpeg = TestImages.jpeg(640, 400);
        final int[] frame = frameHeaderBounds(jpeg);
        final byte[] frameHeader = Arrays.copyOfRange(jpeg, frame[0], frame[1]);
        final ByteArrayOutputStream crafted = new ByteArrayOutputStream();
        crafted.write(jpeg, 0, frame[0]);
        // read as a segment, FF 00 would skip the fill bytes, the real frame header and the comment's header, onto
        // the fake 500x320 one; libjpeg skips FF 00 and what follows up to the next marker
        final int strayLength = 2 + 2 + frameHeader.length + 4;
        crafted.write(new byte[] {(byte) 0xFF, 0x00, 0x00, (byte) strayLength, (byte) 0xFF, (byte) 0xFF});
        crafted.write(frameHeader);
        crafted.write(new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) (frameHeader.length + 2)});
        crafted.write(fakeFrameHeader(frameHeader, 500, 320));
        crafted.write(jpeg, frame[1], jpeg.length - frame[1]);

        assertEquals(new ImageHeader(ImageFormat.JPEG, 640, 400), read(crafted.toByteArray()));
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

    /** Where the first SOFn segment starts (at its FF) and ends. */
    private static int[] frameHeaderBounds(final byte[] jpeg) throws Exception {
        final ByteArrayJpegSource source = new ByteArrayJpegSource(jpeg);
        final JpegMarkerWalker walker = JpegMarkerWalker.afterStartOfImage(source);
        while (!JpegMarkers.isStartOfFrame(walker.next())) {
            assertTrue(source.position() < jpeg.length, "no frame header");
        }
        return new int[] {source.position() - 4, source.position() + walker.payloadLength()};
    }

    private static byte[] fakeFrameHeader(final byte[] frameHeader, final int width, final int height) {
        final byte[] fake = frameHeader.clone();
        ByteBuffer.wrap(fake, 5, 4).putShort((short) height).putShort((short) width);
        return fake;
    }

    private static ImageHeader read(final byte[] content) throws Exception {
        return ImageHeaderReader.read(new ByteArrayInputStream(content));
    }
}

package dev.nifiidcard.image;

import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.testing.TestImages;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImagePreflightTest {

    static final ImageConstraints CONSTRAINTS = new ImageConstraints(EnumSet.allOf(ImageFormat.class), 10_000_000, 160, 10_000);

    @Test
    void truncatedImagesAreCaughtByTheirMissingEndMarker() {
        final byte[] png = TestImages.noisePng(300, 300, 3);
        final byte[] jpeg = TestImages.jpeg(640, 400);
        assertEquals("Local.CorruptImage", refusal(Arrays.copyOf(png, png.length / 2)).getCode());
        assertEquals("Local.CorruptImage", refusal(Arrays.copyOf(jpeg, jpeg.length - 2)).getCode());
    }

    @Test
    void anEndMarkerInsideAPayloadDoesNotEndTheImage() throws Exception {
        final byte[] jpeg = TestImages.jpeg(640, 400);
        // an APP1 after the scan whose payload is a whole small JPEG, EOI included, as an EXIF thumbnail is
        final byte[] thumbnail = TestImages.jpeg(16, 16);
        final ByteArrayOutputStream withThumbnail = new ByteArrayOutputStream();
        withThumbnail.write(jpeg, 0, jpeg.length - 2);
        withThumbnail.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) ((thumbnail.length + 2) >> 8), (byte) (thumbnail.length + 2)});
        withThumbnail.write(thumbnail);
        withThumbnail.write(jpeg, jpeg.length - 2, 2);
        final byte[] whole = withThumbnail.toByteArray();

        assertEquals(new ImageHeader(ImageFormat.JPEG, 640, 400), check(whole));
        assertEquals("Local.CorruptImage", refusal(Arrays.copyOf(whole, whole.length - 2)).getCode());
    }

    @Test
    void wholeImagesPassEvenWithDataAfterTheirEnd() throws Exception {
        final byte[] jpeg = TestImages.jpeg(640, 400);
        final byte[] trailing = Arrays.copyOf(jpeg, jpeg.length + 100);
        assertEquals(new ImageHeader(ImageFormat.JPEG, 640, 400), check(trailing));
        assertEquals(new ImageHeader(ImageFormat.PNG, 300, 300), check(TestImages.noisePng(300, 300, 3)));
        assertEquals(new ImageHeader(ImageFormat.BMP, 300, 200), check(TestImages.bmp(300, 200)));
    }

    private static ImageHeader check(final byte[] content) throws Exception {
        return ImagePreflight.check(new ByteArrayInputStream(content), content.length, CONSTRAINTS);
    }

    private static UnreadableImageException refusal(final byte[] content) {
        return assertThrows(UnreadableImageException.class, () -> check(content));
    }
}

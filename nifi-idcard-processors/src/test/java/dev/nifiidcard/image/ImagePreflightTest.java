package dev.nifiidcard.image;

import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.testing.TestImages;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

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

    @Test
    void pngImageDataIsInflatedNoFurtherThanTheBudget() throws Exception {
        // 4000x4000 RGBA 16-bit declares 128 MB of image data: only the first INFLATE_BUDGET bytes are checked
        final int rowBytes = 1 + 4000 * 8;
        final int budgetRows = (int) (PngStructure.INFLATE_BUDGET / rowBytes) + 1;
        final byte[] pastTheBudget = zeroPng(4000, 4000, budgetRows + 10, true);
        assertEquals(new ImageHeader(ImageFormat.PNG, 4000, 4000), check(pastTheBudget));
        // short of the budget, the missing data is found
        assertEquals("Local.CorruptImage", refusal(zeroPng(4000, 4000, budgetRows - 10, true)).getCode());
        // without IEND only image data inflated whole vouches for the file
        assertEquals("Local.CorruptImage", refusal(zeroPng(4000, 4000, budgetRows + 10, false)).getCode());
    }

    /** A PNG whose zlib stream holds {@code rows} zero rows of RGBA 16-bit, whatever the IHDR declares. */
    private static byte[] zeroPng(final int width, final int height, final int rows, final boolean end) throws Exception {
        final ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(zlib)) {
            final byte[] row = new byte[1 + width * 8];
            for (int y = 0; y < rows; y++) {
                deflate.write(row);
            }
        }
        final ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 16).put((byte) 6).array());
        chunk(png, "IDAT", zlib.toByteArray());
        if (end) {
            chunk(png, "IEND", new byte[0]);
        }
        return png.toByteArray();
    }

    private static void chunk(final ByteArrayOutputStream out, final String type, final byte[] data) {
        final CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static ImageHeader check(final byte[] content) throws Exception {
        return ImagePreflight.check(new ByteArrayInputStream(content), content.length, CONSTRAINTS);
    }

    private static UnreadableImageException refusal(final byte[] content) {
        return assertThrows(UnreadableImageException.class, () -> check(content));
    }
}

package dev.nifiidcard.offline.ocr;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * An image as interleaved B, G, R bytes, the layout PaddleOCR's models see through cv2, with a bilinear sampler
 * that writes normalized planar (NCHW) model input.
 */
public final class BgrImage {

    private final int width;
    private final int height;
    /** How much more red than green and blue a pixel needs to count as red ink: skin and wood stay below most of it. */
    private static final int RED_MARGIN = 40;

    private final byte[] bgr;

    private BgrImage(final int width, final int height, final byte[] bgr) {
        this.width = width;
        this.height = height;
        this.bgr = bgr;
    }

    /** The image converted once (red ink turned grey), for as many readings of it as a caller needs. */
    public static BgrImage of(final BufferedImage image) {
        final int width = image.getWidth();
        final int height = image.getHeight();
        final byte[] bgr = new byte[width * height * 3];
        final boolean wholeRaster = image.getRaster().getParent() == null && image.getMinX() == 0 && image.getMinY() == 0;
        if (wholeRaster && image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer().getSize() == bgr.length) {
            final byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            System.arraycopy(data, 0, bgr, 0, bgr.length);
        } else if (wholeRaster && image.getType() == BufferedImage.TYPE_INT_RGB
                && image.getRaster().getDataBuffer().getSize() == width * height) {
            final int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            unpack(data, bgr, 0, bgr.length / 3);
        } else if (wholeRaster && image.getType() == BufferedImage.TYPE_BYTE_GRAY
                && image.getRaster().getDataBuffer().getSize() == width * height) {
            // getRGB would brighten it (Java takes the gray as linear): the camera's bytes are what cv2 would see
            final byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0, o = 0; i < data.length; i++, o += 3) {
                bgr[o] = data[i];
                bgr[o + 1] = data[i];
                bgr[o + 2] = data[i];
            }
        } else {
            final int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                image.getRGB(0, y, width, 1, row, 0, width);
                unpack(row, bgr, y * width * 3, width);
            }
        }
        withoutRedInk(bgr);
        return new BgrImage(width, height, bgr);
    }

    /**
     * Turns red ink to grey of its own brightness: a red stamp or the 样本 SPECIMEN mark over white becomes near white,
     * and black print under it stays dark, so neither hides the print from the detector nor lends it characters. The
     * card's print is black and dark blue; nothing a field needs is red.
     */
    static void withoutRedInk(final byte[] bgr) {
        for (int o = 0; o < bgr.length; o += 3) {
            final int red = bgr[o + 2] & 0xff;
            if (red > (bgr[o] & 0xff) + RED_MARGIN && red > (bgr[o + 1] & 0xff) + RED_MARGIN) {
                bgr[o] = (byte) red;
                bgr[o + 1] = (byte) red;
            }
        }
    }

    private static void unpack(final int[] rgb, final byte[] bgr, final int offset, final int count) {
        for (int i = 0, o = offset; i < count; i++, o += 3) {
            final int pixel = rgb[i];
            bgr[o] = (byte) pixel;
            bgr[o + 1] = (byte) (pixel >> 8);
            bgr[o + 2] = (byte) (pixel >> 16);
        }
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /**
     * Samples {@code outW} × {@code outH} pixels, output pixel (x, y) read bilinearly at {@code outToSource}(x, y)
     * (borders replicated, as cv2's BORDER_REPLICATE), into planes of {@code stride} × {@code planeHeight} floats
     * at {@code offset}, each channel c normalized as (v / 255 − mean[c]) / std[c]. Columns beyond {@code outW}
     * are left as they are (zero: PaddleOCR's right padding).
     */
    void sample(final Affine outToSource, final int outW, final int outH, final float[] dest, final int offset,
            final int stride, final int planeHeight, final float[] mean, final float[] std) {
        final int plane = stride * planeHeight;
        final float[] scale = new float[3];
        final float[] shift = new float[3];
        for (int c = 0; c < 3; c++) {
            scale[c] = 1f / (255f * std[c]);
            shift[c] = mean[c] / std[c];
        }
        for (int y = 0; y < outH; y++) {
            double sx = outToSource.x(0, y);
            double sy = outToSource.y(0, y);
            int o = offset + y * stride;
            for (int x = 0; x < outW; x++, o++, sx += outToSource.a(), sy += outToSource.d()) {
                final double cx = Math.min(Math.max(sx, 0), width - 1);
                final double cy = Math.min(Math.max(sy, 0), height - 1);
                final int x0 = (int) cx;
                final int y0 = (int) cy;
                final int x1 = Math.min(x0 + 1, width - 1);
                final int y1 = Math.min(y0 + 1, height - 1);
                final float fx = (float) (cx - x0);
                final float fy = (float) (cy - y0);
                final int p00 = (y0 * width + x0) * 3;
                final int p01 = (y0 * width + x1) * 3;
                final int p10 = (y1 * width + x0) * 3;
                final int p11 = (y1 * width + x1) * 3;
                for (int c = 0; c < 3; c++) {
                    final float top = (bgr[p00 + c] & 0xff) + fx * ((bgr[p01 + c] & 0xff) - (bgr[p00 + c] & 0xff));
                    final float bottom = (bgr[p10 + c] & 0xff) + fx * ((bgr[p11 + c] & 0xff) - (bgr[p10 + c] & 0xff));
                    dest[o + c * plane] = (top + fy * (bottom - top)) * scale[c] - shift[c];
                }
            }
        }
    }
}

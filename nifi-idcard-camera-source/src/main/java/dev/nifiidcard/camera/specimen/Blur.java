package dev.nifiidcard.camera.specimen;

/** Running-sum box blurs: cost independent of the radius. */
public final class Blur {

    private Blur() {
    }

    /** Blurs packed RGB pixels in both directions with a (2·radius+1)-wide box, edges repeated. */
    public static void boxRgb(final int[] pixels, final int width, final int height, final int radius) {
        final int[] line = new int[Math.max(width, height)];
        for (int y = 0; y < height; y++) {
            System.arraycopy(pixels, y * width, line, 0, width);
            boxLine(line, width, radius, pixels, y * width, 1);
        }
        final int[] column = new int[height];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                column[y] = pixels[y * width + x];
            }
            boxLine(column, height, radius, pixels, x, width);
        }
    }

    private static void boxLine(final int[] source, final int length, final int radius, final int[] target, final int start, final int step) {
        final int window = 2 * radius + 1;
        int r = 0;
        int g = 0;
        int b = 0;
        for (int i = -radius; i <= radius; i++) {
            final int rgb = source[Math.max(0, Math.min(length - 1, i))];
            r += (rgb >> 16) & 0xFF;
            g += (rgb >> 8) & 0xFF;
            b += rgb & 0xFF;
        }
        for (int i = 0; i < length; i++) {
            target[start + i * step] = ((r / window) << 16) | ((g / window) << 8) | (b / window);
            final int leaving = source[Math.max(0, i - radius)];
            final int entering = source[Math.min(length - 1, i + radius + 1)];
            r += ((entering >> 16) & 0xFF) - ((leaving >> 16) & 0xFF);
            g += ((entering >> 8) & 0xFF) - ((leaving >> 8) & 0xFF);
            b += (entering & 0xFF) - (leaving & 0xFF);
        }
    }

    /**
     * Smears premultiplied ARGB pixels horizontally over {@code length} pixels, as a camera does with something moving
     * during the exposure; outside the image counts as transparent.
     */
    static void horizontalPremultiplied(final int[] pixels, final int width, final int height, final int length) {
        final int[] row = new int[width];
        final int before = length / 2;
        for (int y = 0; y < height; y++) {
            final int offset = y * width;
            System.arraycopy(pixels, offset, row, 0, width);
            int a = 0;
            int r = 0;
            int g = 0;
            int b = 0;
            for (int i = -before; i < length - before; i++) {
                if (i >= 0 && i < width) {
                    final int argb = row[i];
                    a += argb >>> 24;
                    r += (argb >> 16) & 0xFF;
                    g += (argb >> 8) & 0xFF;
                    b += argb & 0xFF;
                }
            }
            for (int x = 0; x < width; x++) {
                pixels[offset + x] = ((a / length) << 24) | ((r / length) << 16) | ((g / length) << 8) | (b / length);
                final int leaving = x - before;
                final int entering = x - before + length;
                if (leaving >= 0 && leaving < width) {
                    final int argb = row[leaving];
                    a -= argb >>> 24;
                    r -= (argb >> 16) & 0xFF;
                    g -= (argb >> 8) & 0xFF;
                    b -= argb & 0xFF;
                }
                if (entering < width) {
                    final int argb = row[entering];
                    a += argb >>> 24;
                    r += (argb >> 16) & 0xFF;
                    g += (argb >> 8) & 0xFF;
                    b += argb & 0xFF;
                }
            }
        }
    }
}

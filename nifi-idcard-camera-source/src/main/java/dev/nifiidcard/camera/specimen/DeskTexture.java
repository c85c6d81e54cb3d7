package dev.nifiidcard.camera.specimen;

import java.util.SplittableRandom;

/**
 * Desk surfaces with the fine, irregular detail of a real one (grain, fibres, weave), so that sharpness and card
 * detection meet the same kind of background texture as with a camera.
 */
public final class DeskTexture {

    private DeskTexture() {
    }

    /** Packed RGB pixels, row by row. */
    public static int[] render(final SpecimenScene.Desk desk, final int width, final int height, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        return switch (desk) {
            case WOOD -> wood(width, height, random);
            case FABRIC -> fabric(width, height, random);
            case LIGHT -> light(width, height, random);
        };
    }

    /** A pale laminate or paper: nearly as light as a card, with a soft mottle and faint fibres. */
    private static int[] light(final int width, final int height, final SplittableRandom random) {
        final int[] pixels = new int[width * height];
        final SmoothNoise mottle = new SmoothNoise(random, 8, 5);
        final double[] fibres = fibres(random, 4096);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                final double tone = 0.6 * (0.5 + 0.5 * mottle.at((double) x / width, (double) y / height)) + 0.4 * fibres[(x * 7 + y * 3) & 4095];
                pixels[y * width + x] = rgb(206 + 16 * tone, 202 + 16 * tone, 192 + 16 * tone);
            }
        }
        return pixels;
    }

    private static int[] wood(final int width, final int height, final SplittableRandom random) {
        final int[] pixels = new int[width * height];
        final SmoothNoise warp = new SmoothNoise(random, 7, 5);
        final double period = height / 9.0;
        final double tilt = 0.05 + random.nextDouble() * 0.05;
        final double[] fibres = fibres(random, 4096);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                final double u = y + tilt * x + warp.at((double) x / width, (double) y / height) * period * 1.8;
                final double ring = 0.5 + 0.5 * Math.sin(2 * Math.PI * u / period);
                final double tone = 0.6 * ring * ring + 0.4 * fibres[(int) (u * 4) & 4095];
                pixels[y * width + x] = rgb(128 + 48 * tone, 82 + 40 * tone, 48 + 28 * tone);
            }
        }
        return pixels;
    }

    private static int[] fabric(final int width, final int height, final SplittableRandom random) {
        final int[] pixels = new int[width * height];
        final SmoothNoise mottle = new SmoothNoise(random, 9, 6);
        final double[] rows = fibres(random, height);
        final double[] columns = fibres(random, width);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // over-under weave: warp threads show on one diagonal, weft threads on the other
                final boolean warpOnTop = ((x / 2) + (y / 2)) % 2 == 0;
                final double thread = warpOnTop ? columns[x] : rows[y];
                final double tone = 0.55 * thread + 0.45 * (0.5 + 0.5 * mottle.at((double) x / width, (double) y / height));
                pixels[y * width + x] = rgb(48 + 30 * tone, 55 + 32 * tone, 72 + 34 * tone);
            }
        }
        return pixels;
    }

    /** Random values 0..1, lightly smoothed so neighbours are related like the fibres of a material. */
    private static double[] fibres(final SplittableRandom random, final int length) {
        final double[] raw = new double[length];
        for (int i = 0; i < length; i++) {
            raw[i] = random.nextDouble();
        }
        final double[] smoothed = new double[length];
        for (int i = 0; i < length; i++) {
            smoothed[i] = (raw[Math.max(0, i - 1)] + 2 * raw[i] + raw[Math.min(length - 1, i + 1)]) / 4;
        }
        return smoothed;
    }

    private static int rgb(final double r, final double g, final double b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(final double value) {
        return Math.max(0, Math.min(255, (int) Math.round(value)));
    }

    /** Value noise: random values on a coarse grid, smoothly interpolated; -1..1. */
    private static final class SmoothNoise {

        private final int columns;
        private final int rows;
        private final double[] grid;

        SmoothNoise(final SplittableRandom random, final int columns, final int rows) {
            this.columns = columns;
            this.rows = rows;
            this.grid = new double[(columns + 1) * (rows + 1)];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = random.nextDouble() * 2 - 1;
            }
        }

        /** At (u, v), each 0..1 across the frame. */
        double at(final double u, final double v) {
            final double gx = u * columns;
            final double gy = v * rows;
            final int x0 = Math.min(columns - 1, (int) gx);
            final int y0 = Math.min(rows - 1, (int) gy);
            final double fx = smooth(gx - x0);
            final double fy = smooth(gy - y0);
            final double top = grid[y0 * (columns + 1) + x0] * (1 - fx) + grid[y0 * (columns + 1) + x0 + 1] * fx;
            final double bottom = grid[(y0 + 1) * (columns + 1) + x0] * (1 - fx) + grid[(y0 + 1) * (columns + 1) + x0 + 1] * fx;
            return top * (1 - fy) + bottom * fy;
        }

        private static double smooth(final double t) {
            return t * t * (3 - 2 * t);
        }
    }
}

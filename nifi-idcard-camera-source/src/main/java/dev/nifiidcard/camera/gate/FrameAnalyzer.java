package dev.nifiidcard.camera.gate;

/**
 * Scores frames for the gate from their 1/4-scale luma: sharpness, exposure, stillness against the previous frame,
 * card presence and a difference hash. Keeps the previous frame's thumbnail, so one analyzer serves one camera,
 * one frame at a time.
 */
public final class FrameAnalyzer {

    private static final int THUMBNAIL_WIDTH = 32;
    private static final int THUMBNAIL_HEIGHT = 18;
    private static final int DARK_LEVEL = 5;
    private static final int BRIGHT_LEVEL = 250;
    /** Sharpness is measured inside the card, away from its edges, whose contrast says nothing about focus. */
    private static final double CARD_MARGIN = 0.12;

    private float[] previousThumbnail;

    public FrameScores analyze(final ScaledLuma luma) {
        final byte[] pixels = luma.pixels();
        final int[] histogram = new int[256];
        for (final byte pixel : pixels) {
            histogram[pixel & 0xFF]++;
        }
        long sum = 0;
        int dark = 0;
        int bright = 0;
        for (int level = 0; level < 256; level++) {
            sum += (long) level * histogram[level];
            if (level <= DARK_LEVEL) {
                dark += histogram[level];
            } else if (level >= BRIGHT_LEVEL) {
                bright += histogram[level];
            }
        }
        final CardOutline card = CardDetector.detect(luma, histogram);
        final double sharpness;
        final long hash;
        if (card.present()) {
            final int marginX = (int) ((card.right() - card.left()) * CARD_MARGIN);
            final int marginY = (int) ((card.bottom() - card.top()) * CARD_MARGIN);
            sharpness = laplacianVariance(luma, card.left() + marginX, card.top() + marginY, card.right() - marginX, card.bottom() - marginY);
            hash = differenceHash(luma, card);
        } else {
            sharpness = laplacianVariance(luma, 0, 0, luma.width(), luma.height());
            hash = differenceHash(luma, 0, 0, luma.width(), luma.height());
        }
        final float[] thumbnail = thumbnail(luma);
        final double stillness = previousThumbnail == null ? Double.NaN : meanAbsoluteDifference(thumbnail, previousThumbnail);
        previousThumbnail = thumbnail;
        return new FrameScores(luma.sourceWidth(), luma.sourceHeight(), sharpness, (double) sum / pixels.length,
                (double) dark / pixels.length, (double) bright / pixels.length, stillness, card.present(),
                card.areaFraction(), card.aspect(), card.fill(), hash);
    }

    /** Variance of the 4-neighbour Laplacian over [left, right) × [top, bottom): edges and print score high, blur low. */
    private static double laplacianVariance(final ScaledLuma luma, final int left, final int top, final int right, final int bottom) {
        final byte[] p = luma.pixels();
        final int width = luma.width();
        long sum = 0;
        long sumOfSquares = 0;
        long count = 0;
        for (int y = Math.max(1, top); y < Math.min(luma.height() - 1, bottom); y++) {
            for (int x = Math.max(1, left); x < Math.min(width - 1, right); x++) {
                final int at = y * width + x;
                final int laplacian = 4 * (p[at] & 0xFF) - (p[at - 1] & 0xFF) - (p[at + 1] & 0xFF) - (p[at - width] & 0xFF) - (p[at + width] & 0xFF);
                sum += laplacian;
                sumOfSquares += (long) laplacian * laplacian;
                count++;
            }
        }
        if (count == 0) {
            return 0;
        }
        final double mean = (double) sum / count;
        return (double) sumOfSquares / count - mean * mean;
    }

    /**
     * dHash: the region shrunk to 9×8 cell means; bit (row, column) is set when a cell is brighter than its right
     * neighbour. Robust to noise, exposure and small shifts; a different picture flips many bits.
     */
    private static long differenceHash(final ScaledLuma luma, final int left, final int top, final int right, final int bottom) {
        return differenceHash(cellMeans(luma, left, top, right, bottom, 9, 8));
    }

    /**
     * dHash of a card in its own axes (long side across), so that the same card moved or turned a little keeps its
     * hash: every pixel inside the card's rectangle adds to the cell its position in the card falls in.
     */
    private static long differenceHash(final ScaledLuma luma, final CardOutline card) {
        final OrientedBox box = card.box();
        final double[] sums = new double[9 * 8];
        final int[] counts = new int[9 * 8];
        // cell coordinates (column, row) are linear in x: step them along each row
        final double columnStep = box.ux() / box.length() * 9;
        final double rowStep = -box.uy() / box.breadth() * 8;
        final byte[] pixels = luma.pixels();
        for (int y = card.top(); y < card.bottom(); y++) {
            final double dx = card.left() + 0.5 - box.centerX();
            final double dy = y + 0.5 - box.centerY();
            double column = ((dx * box.ux() + dy * box.uy()) / box.length() + 0.5) * 9;
            double row = ((dy * box.ux() - dx * box.uy()) / box.breadth() + 0.5) * 8;
            for (int x = card.left(); x < card.right(); x++, column += columnStep, row += rowStep) {
                if (column >= 0 && column < 9 && row >= 0 && row < 8) {
                    final int cell = (int) row * 9 + (int) column;
                    sums[cell] += pixels[y * luma.width() + x] & 0xFF;
                    counts[cell]++;
                }
            }
        }
        final double[] cells = new double[sums.length];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = counts[i] == 0 ? 0 : sums[i] / counts[i];
        }
        return differenceHash(cells);
    }

    private static long differenceHash(final double[] cells) {
        long hash = 0;
        for (int row = 0; row < 8; row++) {
            for (int column = 0; column < 8; column++) {
                hash <<= 1;
                if (cells[row * 9 + column] > cells[row * 9 + column + 1]) {
                    hash |= 1;
                }
            }
        }
        return hash;
    }

    private static float[] thumbnail(final ScaledLuma luma) {
        final double[] cells = cellMeans(luma, 0, 0, luma.width(), luma.height(), THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
        final float[] thumbnail = new float[cells.length];
        for (int i = 0; i < cells.length; i++) {
            thumbnail[i] = (float) cells[i];
        }
        return thumbnail;
    }

    /** Means of a columns × rows grid of cells over [left, right) × [top, bottom); each cell at least one pixel. */
    private static double[] cellMeans(final ScaledLuma luma, final int left, final int top, final int right,
                                      final int bottom, final int columns, final int rows) {
        final double[] means = new double[columns * rows];
        final int width = right - left;
        final int height = bottom - top;
        for (int row = 0; row < rows; row++) {
            final int y0 = top + row * height / rows;
            final int y1 = Math.max(y0 + 1, top + (row + 1) * height / rows);
            for (int column = 0; column < columns; column++) {
                final int x0 = left + column * width / columns;
                final int x1 = Math.max(x0 + 1, left + (column + 1) * width / columns);
                long sum = 0;
                for (int y = y0; y < Math.min(y1, luma.height()); y++) {
                    for (int x = x0; x < Math.min(x1, luma.width()); x++) {
                        sum += luma.at(x, y);
                    }
                }
                means[row * columns + column] = (double) sum / ((long) (x1 - x0) * (y1 - y0));
            }
        }
        return means;
    }

    private static double meanAbsoluteDifference(final float[] a, final float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }
}

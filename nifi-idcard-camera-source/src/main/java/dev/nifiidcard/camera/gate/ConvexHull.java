package dev.nifiidcard.camera.gate;

import java.util.Arrays;
import java.util.Comparator;

/** Convex hulls by Andrew's monotone chain. */
final class ConvexHull {

    private ConvexHull() {
    }

    /**
     * The hull of a pixel region given by its leftmost and rightmost pixel per row ({@code -1} for rows it does not
     * reach), taking pixel corners so that a region's hull area matches its pixel count.
     */
    static double[][] ofRows(final int[] rowLeft, final int[] rowRight) {
        int rows = 0;
        for (final int left : rowLeft) {
            if (left >= 0) {
                rows++;
            }
        }
        final double[][] corners = new double[4 * rows][];
        int n = 0;
        for (int y = 0; y < rowLeft.length; y++) {
            if (rowLeft[y] >= 0) {
                corners[n++] = new double[] {rowLeft[y], y};
                corners[n++] = new double[] {rowLeft[y], y + 1};
                corners[n++] = new double[] {rowRight[y] + 1, y};
                corners[n++] = new double[] {rowRight[y] + 1, y + 1};
            }
        }
        return of(corners);
    }

    /** The hull's vertices in order around it, without collinear points. */
    static double[][] of(final double[][] points) {
        final double[][] sorted = points.clone();
        Arrays.sort(sorted, Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        if (sorted.length < 3) {
            return sorted;
        }
        final double[][] hull = new double[2 * sorted.length][];
        int k = 0;
        for (final double[] p : sorted) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0) {
                k--;
            }
            hull[k++] = p;
        }
        final int lower = k + 1;
        for (int i = sorted.length - 2; i >= 0; i--) {
            while (k >= lower && cross(hull[k - 2], hull[k - 1], sorted[i]) <= 0) {
                k--;
            }
            hull[k++] = sorted[i];
        }
        return Arrays.copyOf(hull, k - 1);
    }

    private static double cross(final double[] o, final double[] a, final double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}

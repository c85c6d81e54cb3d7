package dev.nifiidcard.camera.gate;

import java.util.Arrays;

/**
 * Finds an ID-1 card (85.6 × 53.98 mm, aspect 1.586) lying on a contrasting surface, without OpenCV: Otsu's
 * threshold splits card from desk (both ways round, for a light card on a dark desk or the opposite), the largest
 * connected region with its holes (print, portrait) filled is the candidate, and its minimum-area bounding rectangle
 * (over the convex hull, one candidate orientation per hull edge) tells its aspect and how rectangular it is.
 * {@link OutlineDetector} measures the card's edge line the same way, for cards whose brightness is not one piece
 * against the desk (a dark band or holder, a dark card with pale print, a light card on a pale desk).
 */
final class CardDetector {

    static final double MIN_ASPECT = 1.45;
    static final double MAX_ASPECT = 1.75;
    static final double MIN_FILL = 0.85;
    /** An outline must be this much larger than a card found by brightness to replace it: it then encloses it. */
    private static final double OUTLINE_OVER_BRIGHTNESS = 1.25;
    /** Smaller regions are specks, not candidates. */
    private static final double MIN_CANDIDATE_AREA = 0.01;
    /** Card and desk must differ by this much in mean luma; an empty desk split in two halves differs less. */
    private static final double MIN_CONTRAST = 40;

    private CardDetector() {
    }

    /**
     * The card by its brightness or, when brightness finds none or only a smaller one inside it (a dark band, a
     * holder, a light card on a light desk, a pale photo on a dark card), by its outline.
     */
    static CardOutline detect(final ScaledLuma luma, final int[] histogram) {
        final CardOutline byBrightness = byBrightness(luma, histogram);
        final CardOutline byOutline = OutlineDetector.detect(luma);
        if (byOutline.present() && (!byBrightness.present()
                || byOutline.areaFraction() > OUTLINE_OVER_BRIGHTNESS * byBrightness.areaFraction())) {
            return byOutline;
        }
        return byBrightness;
    }

    static CardOutline byBrightness(final ScaledLuma luma, final int[] histogram) {
        final int threshold = otsuThreshold(histogram);
        if (threshold < 0 || classMeanDifference(histogram, threshold) < MIN_CONTRAST) {
            return CardOutline.NONE;
        }
        // ID cards are light: look for a dark one only when no light one is found
        final CardOutline brighter = candidate(luma, threshold, true);
        if (brighter.present()) {
            return brighter;
        }
        final CardOutline darker = candidate(luma, threshold, false);
        if (darker.present()) {
            return darker;
        }
        return brighter.areaFraction() >= darker.areaFraction() ? brighter : darker;
    }

    /** The threshold that maximises the between-class variance: class 0 is ≤ threshold. -1 for a flat image. */
    static int otsuThreshold(final int[] histogram) {
        long total = 0;
        long weightedTotal = 0;
        for (int level = 0; level < 256; level++) {
            total += histogram[level];
            weightedTotal += (long) level * histogram[level];
        }
        long below = 0;
        long weightedBelow = 0;
        double bestVariance = 0;
        int best = -1;
        for (int level = 0; level < 255; level++) {
            below += histogram[level];
            weightedBelow += (long) level * histogram[level];
            final long above = total - below;
            if (below == 0 || above == 0) {
                continue;
            }
            final double meanBelow = (double) weightedBelow / below;
            final double meanAbove = (double) (weightedTotal - weightedBelow) / above;
            final double variance = (double) below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (variance > bestVariance) {
                bestVariance = variance;
                best = level;
            }
        }
        return best;
    }

    private static double classMeanDifference(final int[] histogram, final int threshold) {
        long below = 0;
        long weightedBelow = 0;
        long above = 0;
        long weightedAbove = 0;
        for (int level = 0; level < 256; level++) {
            if (level <= threshold) {
                below += histogram[level];
                weightedBelow += (long) level * histogram[level];
            } else {
                above += histogram[level];
                weightedAbove += (long) level * histogram[level];
            }
        }
        return (double) weightedAbove / above - (double) weightedBelow / below;
    }

    /** The largest region on one side of the threshold, measured; absent when it touches the frame's edge. */
    private static CardOutline candidate(final ScaledLuma luma, final int threshold, final boolean brighter) {
        final byte[] pixels = luma.pixels();
        // labels: 0 unvisited foreground or background, -1 background, >0 component id
        final int[] labels = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            if (((pixels[i] & 0xFF) > threshold) != brighter) {
                labels[i] = -1;
            }
        }
        return largestRegions(labels, luma.width(), luma.height(), 1);
    }

    /**
     * Labels the 4-connected regions of the 0-labelled pixels (-1 is background) and measures the {@code count}
     * largest: the first accepted as a card, else the largest; absent when the largest is a speck.
     */
    static CardOutline largestRegions(final int[] labels, final int width, final int height, final int count) {
        final int[] queue = new int[labels.length];
        final int[] bestLabels = new int[count];
        final int[] bestAreas = new int[count];
        int label = 0;
        for (int start = 0; start < labels.length; start++) {
            if (labels[start] != 0) {
                continue;
            }
            label++;
            final int area = flood(labels, queue, width, height, start, 0, label);
            // insertion into the descending top list
            for (int rank = 0; rank < count; rank++) {
                if (area > bestAreas[rank]) {
                    System.arraycopy(bestAreas, rank, bestAreas, rank + 1, count - rank - 1);
                    System.arraycopy(bestLabels, rank, bestLabels, rank + 1, count - rank - 1);
                    bestAreas[rank] = area;
                    bestLabels[rank] = label;
                    break;
                }
            }
        }
        CardOutline largest = CardOutline.NONE;
        for (int rank = 0; rank < count && bestAreas[rank] >= MIN_CANDIDATE_AREA * labels.length; rank++) {
            final CardOutline outline = measure(labels, width, height, bestLabels[rank]);
            if (outline.present()) {
                return outline;
            }
            if (rank == 0) {
                largest = outline;
            }
        }
        return largest;
    }

    /** Fills the 4-connected region of {@code from}-labelled pixels around {@code start} with {@code to}; its size. */
    private static int flood(final int[] labels, final int[] queue, final int width, final int height, final int start,
                             final int from, final int to) {
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        labels[start] = to;
        while (head < tail) {
            final int at = queue[head++];
            final int x = at % width;
            if (x > 0 && labels[at - 1] == from) {
                labels[at - 1] = to;
                queue[tail++] = at - 1;
            }
            if (x < width - 1 && labels[at + 1] == from) {
                labels[at + 1] = to;
                queue[tail++] = at + 1;
            }
            if (at >= width && labels[at - width] == from) {
                labels[at - width] = to;
                queue[tail++] = at - width;
            }
            if (at < width * (height - 1) && labels[at + width] == from) {
                labels[at + width] = to;
                queue[tail++] = at + width;
            }
        }
        return tail;
    }

    private static CardOutline measure(final int[] labels, final int width, final int height, final int label) {
        // per row, the region's leftmost and rightmost pixel: enough for the convex hull and the filled area
        final int[] rowLeft = new int[height];
        final int[] rowRight = new int[height];
        Arrays.fill(rowLeft, -1);
        int left = width;
        int right = -1;
        int top = height;
        int bottom = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (labels[y * width + x] == label) {
                    if (rowLeft[y] < 0) {
                        rowLeft[y] = x;
                    }
                    rowRight[y] = x;
                }
            }
            if (rowLeft[y] >= 0) {
                left = Math.min(left, rowLeft[y]);
                right = Math.max(right, rowRight[y]);
                top = Math.min(top, y);
                bottom = y;
            }
        }
        final int filledArea = filledArea(labels, width, label, left, top, right, bottom);
        final double areaFraction = (double) filledArea / (width * height);
        final OrientedBox box = minimumAreaRectangle(ConvexHull.ofRows(rowLeft, rowRight));
        final double fill = filledArea / box.area();
        final boolean touchesEdge = left == 0 || top == 0 || right == width - 1 || bottom == height - 1;
        final boolean present = !touchesEdge && box.aspect() >= MIN_ASPECT && box.aspect() <= MAX_ASPECT && fill >= MIN_FILL;
        return new CardOutline(present, areaFraction, fill, box, left, top, right + 1, bottom + 1);
    }

    /**
     * The region's area with its holes: the pixels of its bounding box not reachable from the box's border through
     * pixels outside the region.
     */
    private static int filledArea(final int[] labels, final int width, final int label, final int left, final int top,
                                  final int right, final int bottom) {
        final int boxWidth = right - left + 3;
        final int boxHeight = bottom - top + 3;
        // a one-pixel margin around the box connects all of the outside
        final int[] box = new int[boxWidth * boxHeight];
        for (int y = top; y <= bottom; y++) {
            for (int x = left; x <= right; x++) {
                if (labels[y * width + x] == label) {
                    box[(y - top + 1) * boxWidth + (x - left + 1)] = 1;
                }
            }
        }
        final int outside = flood(box, new int[box.length], boxWidth, boxHeight, 0, 0, 2);
        return box.length - outside;
    }

    /**
     * The smallest rectangle around a convex polygon; it has a side on one of the polygon's edges (Freeman and
     * Shapira), so each edge's direction is tried.
     */
    static OrientedBox minimumAreaRectangle(final double[][] hull) {
        double bestArea = Double.MAX_VALUE;
        OrientedBox best = null;
        for (int i = 0; i < hull.length; i++) {
            final double[] a = hull[i];
            final double[] b = hull[(i + 1) % hull.length];
            final double length = Math.hypot(b[0] - a[0], b[1] - a[1]);
            if (length == 0) {
                continue;
            }
            final double ux = (b[0] - a[0]) / length;
            final double uy = (b[1] - a[1]) / length;
            double minU = Double.MAX_VALUE;
            double maxU = -Double.MAX_VALUE;
            double minV = Double.MAX_VALUE;
            double maxV = -Double.MAX_VALUE;
            for (final double[] p : hull) {
                final double u = p[0] * ux + p[1] * uy;
                final double v = -p[0] * uy + p[1] * ux;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
            final double area = (maxU - minU) * (maxV - minV);
            if (area < bestArea) {
                bestArea = area;
                best = box(ux, uy, minU, maxU, minV, maxV);
            }
        }
        return best;
    }

    /** The rectangle [minU, maxU] × [minV, maxV] in the frame (u, v), with its long side as the first axis. */
    private static OrientedBox box(final double ux, final double uy, final double minU, final double maxU,
                                   final double minV, final double maxV) {
        final double u = (minU + maxU) / 2;
        final double v = (minV + maxV) / 2;
        final double centerX = u * ux - v * uy;
        final double centerY = u * uy + v * ux;
        double longX = ux;
        double longY = uy;
        if (maxU - minU < maxV - minV) {
            longX = -uy;
            longY = ux;
        }
        if (longX < 0 || (longX == 0 && longY < 0)) {
            longX = -longX;
            longY = -longY;
        }
        return new OrientedBox(centerX, centerY, longX, longY, Math.max(maxU - minU, maxV - minV), Math.min(maxU - minU, maxV - minV));
    }
}

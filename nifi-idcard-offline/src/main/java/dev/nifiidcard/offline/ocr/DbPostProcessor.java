package dev.nifiidcard.offline.ocr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * PaddleOCR's DBPostProcess (score_mode fast, no dilation) with rapidocr's thresholds: binarize the probability
 * map, take each connected region's minimum-area rectangle, score it, grow it by the unclip offset and scale it
 * to the frame the map was computed from.
 */
final class DbPostProcessor {

    static final float BINARY_THRESHOLD = 0.3f;
    static final double BOX_THRESHOLD = 0.5;
    static final double UNCLIP_RATIO = 1.6;
    private static final int MIN_SIZE = 3;
    private static final int MAX_CANDIDATES = 1000;

    private DbPostProcessor() {
    }

    /**
     * @param probability the map, row-major {@code mapW} × {@code mapH}
     * @param frameW      width of the frame the boxes are reported in (the map covers it whole)
     * @param frameH      its height
     */
    static List<DetectedBox> boxes(final float[] probability, final int mapW, final int mapH, final int frameW,
            final int frameH) {
        final int[] labels = new int[mapW * mapH];
        final int[] stack = new int[mapW * mapH];
        final int[] rowMin = new int[mapH];
        final int[] rowMax = new int[mapH];
        Arrays.fill(rowMax, -1);
        final List<DetectedBox> boxes = new ArrayList<>();
        int regions = 0;
        for (int start = 0; start < labels.length && regions < MAX_CANDIDATES; start++) {
            if (labels[start] != 0 || probability[start] <= BINARY_THRESHOLD) {
                continue;
            }
            regions++;
            final int minY = flood(probability, mapW, mapH, start, regions, labels, stack, rowMin, rowMax);
            final Point[] outline = outline(minY, mapH, rowMin, rowMax);
            final DetectedBox box = box(outline, probability, mapW, mapH, frameW, frameH);
            if (box != null) {
                boxes.add(box);
            }
        }
        return boxes;
    }

    /** Labels the 8-connected region at {@code start}; fills each of its rows' leftmost and rightmost x. */
    private static int flood(final float[] probability, final int mapW, final int mapH, final int start, final int label,
            final int[] labels, final int[] stack, final int[] rowMin, final int[] rowMax) {
        final int startY = start / mapW;
        int minY = startY;
        int maxY = startY;
        rowMin[startY] = Integer.MAX_VALUE;
        rowMax[startY] = -1;
        int top = 0;
        stack[top++] = start;
        labels[start] = label;
        while (top > 0) {
            final int index = stack[--top];
            final int x = index % mapW;
            final int y = index / mapW;
            if (y < minY || y > maxY) {
                // first pixel of a new row: rows between were reached already, the region being connected
                rowMin[y] = Integer.MAX_VALUE;
                rowMax[y] = -1;
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
            rowMin[y] = Math.min(rowMin[y], x);
            rowMax[y] = Math.max(rowMax[y], x);
            for (int ny = Math.max(y - 1, 0); ny <= Math.min(y + 1, mapH - 1); ny++) {
                for (int nx = Math.max(x - 1, 0); nx <= Math.min(x + 1, mapW - 1); nx++) {
                    final int neighbour = ny * mapW + nx;
                    if (labels[neighbour] == 0 && probability[neighbour] > BINARY_THRESHOLD) {
                        labels[neighbour] = label;
                        stack[top++] = neighbour;
                    }
                }
            }
        }
        return minY;
    }

    /** The region's row ends, from {@code minY} down to its last row; clears them for the next region. */
    private static Point[] outline(final int minY, final int mapH, final int[] rowMin, final int[] rowMax) {
        final List<Point> points = new ArrayList<>();
        for (int y = minY; y < mapH && rowMax[y] >= 0; y++) {
            points.add(new Point(rowMin[y], y));
            points.add(new Point(rowMax[y], y));
            rowMax[y] = -1;
        }
        return points.toArray(Point[]::new);
    }

    private static DetectedBox box(final Point[] outline, final float[] probability, final int mapW, final int mapH,
            final int frameW, final int frameH) {
        final Quad tight = MinAreaRect.of(outline);
        final double w = tight.topLeft().distanceTo(tight.topRight());
        final double h = tight.topLeft().distanceTo(tight.bottomLeft());
        if (Math.min(w, h) < MIN_SIZE) {
            return null;
        }
        final double score = meanInside(tight, probability, mapW, mapH);
        if (score < BOX_THRESHOLD) {
            return null;
        }
        final Quad grown = MinAreaRect.grown(tight, w * h * UNCLIP_RATIO / (2 * (w + h)));
        if (Math.min(grown.topLeft().distanceTo(grown.topRight()), grown.topLeft().distanceTo(grown.bottomLeft()))
                < MIN_SIZE + 2) {
            return null;
        }
        final double sx = (double) frameW / mapW;
        final double sy = (double) frameH / mapH;
        final Quad scaled = MinAreaRect.ordered(Arrays.stream(new Point[] {grown.topLeft(), grown.topRight(),
                        grown.bottomRight(), grown.bottomLeft()})
                .map(p -> new Point(clamp(p.x() * sx, frameW - 1), clamp(p.y() * sy, frameH - 1)))
                .toArray(Point[]::new));
        if ((int) scaled.topLeft().distanceTo(scaled.topRight()) <= 3 || (int) scaled.topLeft().distanceTo(scaled.bottomLeft()) <= 3) {
            return null;
        }
        return new DetectedBox(scaled, score);
    }

    /** Mean probability over the pixels whose centers lie in the box (or within half a pixel of it, as fillPoly). */
    private static double meanInside(final Quad box, final float[] probability, final int mapW, final int mapH) {
        final Point[] corners = {box.topLeft(), box.topRight(), box.bottomRight(), box.bottomLeft()};
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (final Point p : corners) {
            minX = Math.min(minX, p.x());
            maxX = Math.max(maxX, p.x());
            minY = Math.min(minY, p.y());
            maxY = Math.max(maxY, p.y());
        }
        double sum = 0;
        int count = 0;
        for (int y = (int) Math.max(Math.floor(minY), 0); y <= Math.min(Math.ceil(maxY), mapH - 1); y++) {
            for (int x = (int) Math.max(Math.floor(minX), 0); x <= Math.min(Math.ceil(maxX), mapW - 1); x++) {
                if (inside(corners, x, y)) {
                    sum += probability[y * mapW + x];
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static boolean inside(final Point[] corners, final double x, final double y) {
        for (int i = 0; i < 4; i++) {
            final Point a = corners[i];
            final Point b = corners[(i + 1) % 4];
            final double length = a.distanceTo(b);
            // the corners run clockwise on screen (y down): inside is on the right of each edge
            final double side = ((b.x() - a.x()) * (y - a.y()) - (b.y() - a.y()) * (x - a.x()));
            if (length > 0 && side / length < -0.5) {
                return false;
            }
        }
        return true;
    }

    private static double clamp(final double value, final double max) {
        return Math.min(Math.max(value, 0), max);
    }
}

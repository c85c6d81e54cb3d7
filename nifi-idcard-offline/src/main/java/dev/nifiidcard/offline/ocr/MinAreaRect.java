package dev.nifiidcard.offline.ocr;

import java.util.Arrays;
import java.util.Comparator;

/** cv2.minAreaRect by rotating calipers on the convex hull, with the corners ordered as PaddleOCR's get_mini_boxes. */
final class MinAreaRect {

    private MinAreaRect() {
    }

    /** The smallest-area rectangle holding {@code points} (at least one), as a {@link Quad}. */
    static Quad of(final Point[] points) {
        final Point[] hull = convexHull(points);
        double bestArea = Double.MAX_VALUE;
        // all points equal: the rectangle is that point
        Point[] best = {hull[0], hull[0], hull[0], hull[0]};
        for (int i = 0; i < hull.length; i++) {
            final Point from = hull[i];
            final Point to = hull[(i + 1) % hull.length];
            final double length = from.distanceTo(to);
            if (length == 0) {
                continue;
            }
            final double ux = (to.x() - from.x()) / length;
            final double uy = (to.y() - from.y()) / length;
            double minU = Double.MAX_VALUE;
            double maxU = -Double.MAX_VALUE;
            double minV = Double.MAX_VALUE;
            double maxV = -Double.MAX_VALUE;
            for (final Point p : hull) {
                final double u = (p.x() - from.x()) * ux + (p.y() - from.y()) * uy;
                final double v = -(p.x() - from.x()) * uy + (p.y() - from.y()) * ux;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
            final double area = (maxU - minU) * (maxV - minV);
            if (area < bestArea - 1e-9) {
                bestArea = area;
                best = new Point[] {corner(from, ux, uy, minU, minV), corner(from, ux, uy, maxU, minV),
                        corner(from, ux, uy, maxU, maxV), corner(from, ux, uy, minU, maxV)};
            }
        }
        return ordered(best);
    }

    /** The same rectangle grown by {@code distance} on every side (pyclipper's offset, as far as minAreaRect sees it). */
    static Quad grown(final Quad box, final double distance) {
        final Point center = box.center();
        final double w = box.topLeft().distanceTo(box.topRight());
        final double h = box.topLeft().distanceTo(box.bottomLeft());
        final double ux = w == 0 ? 1 : (box.topRight().x() - box.topLeft().x()) / w;
        final double uy = w == 0 ? 0 : (box.topRight().y() - box.topLeft().y()) / w;
        final double vx = h == 0 ? -uy : (box.bottomLeft().x() - box.topLeft().x()) / h;
        final double vy = h == 0 ? ux : (box.bottomLeft().y() - box.topLeft().y()) / h;
        final double hw = w / 2 + distance;
        final double hh = h / 2 + distance;
        return ordered(new Point[] {
            new Point(center.x() - hw * ux - hh * vx, center.y() - hw * uy - hh * vy),
            new Point(center.x() + hw * ux - hh * vx, center.y() + hw * uy - hh * vy),
            new Point(center.x() + hw * ux + hh * vx, center.y() + hw * uy + hh * vy),
            new Point(center.x() - hw * ux + hh * vx, center.y() - hw * uy + hh * vy)});
    }

    private static Point corner(final Point origin, final double ux, final double uy, final double u, final double v) {
        return new Point(origin.x() + u * ux - v * uy, origin.y() + u * uy + v * ux);
    }

    /** get_mini_boxes: the two leftmost corners give top-left and bottom-left by y, the two rightmost the others. */
    static Quad ordered(final Point[] corners) {
        final Point[] byX = corners.clone();
        Arrays.sort(byX, Comparator.comparingDouble(Point::x));
        final boolean firstIsTop = byX[0].y() <= byX[1].y();
        final boolean thirdIsTop = byX[2].y() <= byX[3].y();
        return new Quad(firstIsTop ? byX[0] : byX[1], thirdIsTop ? byX[2] : byX[3],
                thirdIsTop ? byX[3] : byX[2], firstIsTop ? byX[1] : byX[0]);
    }

    /** Andrew's monotone chain, counter-clockwise, collinear points dropped. */
    static Point[] convexHull(final Point[] points) {
        final Point[] sorted = points.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(Point::x).thenComparingDouble(Point::y));
        if (sorted.length < 3) {
            return sorted;
        }
        final Point[] hull = new Point[2 * sorted.length];
        int k = 0;
        for (final Point p : sorted) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0) {
                k--;
            }
            hull[k++] = p;
        }
        for (int i = sorted.length - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(hull[k - 2], hull[k - 1], sorted[i]) <= 0) {
                k--;
            }
            hull[k++] = sorted[i];
        }
        return Arrays.copyOf(hull, Math.max(k - 1, 1));
    }

    private static double cross(final Point o, final Point a, final Point b) {
        return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
    }
}

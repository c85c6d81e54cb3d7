package dev.nifiidcard.offline.ocr;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MinAreaRectTest {

    @Test
    void findsATiltedRectangleFromItsFilledPoints() {
        // a 100 × 20 rectangle tilted 10° about (200, 100), sampled on a grid
        final double theta = Math.toRadians(10);
        final List<Point> points = new ArrayList<>();
        for (double u = -50; u <= 50; u += 0.5) {
            for (double v = -10; v <= 10; v += 0.5) {
                points.add(new Point(200 + u * Math.cos(theta) - v * Math.sin(theta), 100 + u * Math.sin(theta) + v * Math.cos(theta)));
            }
        }
        final Quad box = MinAreaRect.of(points.toArray(Point[]::new));
        assertEquals(100, box.width(), 0.01);
        assertEquals(20, box.height(), 0.01);
        assertEquals(10, box.topEdgeDegrees(), 0.01);
        assertEquals(200, box.center().x(), 0.01);
        assertEquals(100, box.center().y(), 0.01);
        assertEquals(200 - 50 * Math.cos(theta) + 10 * Math.sin(theta), box.topLeft().x(), 0.01);
    }

    @Test
    void ordersCornersTopLeftTopRightBottomRightBottomLeft() {
        final Quad box = MinAreaRect.ordered(new Point[] {new Point(10, 5), new Point(0, 5), new Point(10, 0), new Point(0, 0)});
        assertEquals(new Quad(new Point(0, 0), new Point(10, 0), new Point(10, 5), new Point(0, 5)), box);
    }

    @Test
    void growsARectangleOnEverySide() {
        final Quad box = new Quad(new Point(0, 0), new Point(10, 0), new Point(10, 4), new Point(0, 4));
        assertEquals(new Quad(new Point(-2, -2), new Point(12, -2), new Point(12, 6), new Point(-2, 6)), MinAreaRect.grown(box, 2));
    }

    @Test
    void degenerateRegionsGiveDegenerateBoxes() {
        assertEquals(0, MinAreaRect.of(new Point[] {new Point(3, 4), new Point(3, 4)}).width());
        assertEquals(0, MinAreaRect.of(new Point[] {new Point(0, 0), new Point(5, 0), new Point(9, 0)}).height(), 1e-9);
    }
}

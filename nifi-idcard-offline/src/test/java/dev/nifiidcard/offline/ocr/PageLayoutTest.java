package dev.nifiidcard.offline.ocr;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PageLayoutTest {

    @Test
    void readsRowsTopToBottomAndEachRowLeftToRight() {
        final TextLine value = line("张伟", 300, 102);
        final TextLine label = line("姓名", 100, 100);
        final TextLine below = line("住址", 100, 160);
        final TextLine number = line("110107196003151238", 400, 400);
        assertEquals(List.of(label, value, below, number), PageLayout.readingOrder(List.of(number, value, below, label)));
    }

    @Test
    void theSkewIsTheMedianTiltOfTheLongBoxesOnly() {
        final List<Quad> boxes = List.of(tilted(200, 40, 10), tilted(200, 40, 12), tilted(300, 40, 11),
                tilted(40, 40, 40)); // a single character's box says nothing about the page
        assertEquals(11, PageLayout.skewDegrees(boxes), 1e-9);
        assertEquals(0, PageLayout.skewDegrees(List.of(tilted(40, 40, 30))));
    }

    @Test
    void deskewingTurnsATiltedLinesCenterBackAboutTheFrameCenter() {
        // a center 100 px right of the frame's center along a line tilted 30°
        final double theta = Math.toRadians(30);
        final Quad box = centered(500.5 + 100 * Math.cos(theta), 300.5 + 100 * Math.sin(theta), 80, 20, 30);
        final TextLine line = PageLayout.deskewed("x", List.of(), new DetectedBox(box, 0.9), 30, 1002, 602);
        assertEquals(600.5, line.centerX(), 1e-9);
        assertEquals(300.5, line.centerY(), 1e-9);
        assertEquals(80, line.width(), 1e-9);
        assertEquals(20, line.height(), 1e-9);
    }

    private static TextLine line(final String text, final double x, final double y) {
        return new TextLine(text, List.of(), x, y, 40.0 * text.length(), 40, 0.9);
    }

    private static Quad tilted(final double width, final double height, final double degrees) {
        return centered(0, 0, width, height, degrees);
    }

    private static Quad centered(final double x, final double y, final double width, final double height, final double degrees) {
        final double c = Math.cos(Math.toRadians(degrees));
        final double s = Math.sin(Math.toRadians(degrees));
        final double hw = width / 2;
        final double hh = height / 2;
        return new Quad(new Point(x - hw * c + hh * s, y - hw * s - hh * c), new Point(x + hw * c + hh * s, y + hw * s - hh * c),
                new Point(x + hw * c - hh * s, y + hw * s + hh * c), new Point(x - hw * c - hh * s, y - hw * s + hh * c));
    }
}

package dev.nifiidcard.offline.ocr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Puts recognized lines in the deskewed frame and in reading order. */
final class PageLayout {

    /** A box this much longer than high is a line of several characters, whose direction can be trusted. */
    static final double LONG = 2;

    private PageLayout() {
    }

    /** The median tilt in degrees of the long boxes' top edges (0 without any). */
    static double skewDegrees(final List<Quad> boxes) {
        final List<Double> angles = new ArrayList<>();
        for (final Quad box : boxes) {
            if (box.width() >= LONG * box.height()) {
                angles.add(box.topEdgeDegrees());
            }
        }
        if (angles.isEmpty()) {
            return 0;
        }
        angles.sort(Comparator.naturalOrder());
        final int middle = angles.size() / 2;
        return angles.size() % 2 == 1 ? angles.get(middle) : (angles.get(middle - 1) + angles.get(middle)) / 2;
    }

    /** A line whose box center is turned by −{@code skewDegrees} about the frame's center. */
    static TextLine deskewed(final String text, final List<Glyph> glyphs, final DetectedBox detected,
            final double skewDegrees, final int frameW, final int frameH) {
        final Point center = detected.box().center();
        final double theta = Math.toRadians(skewDegrees);
        final double cx = (frameW - 1) / 2.0;
        final double cy = (frameH - 1) / 2.0;
        final double dx = center.x() - cx;
        final double dy = center.y() - cy;
        final double x = cx + dx * Math.cos(theta) + dy * Math.sin(theta);
        final double y = cy - dx * Math.sin(theta) + dy * Math.cos(theta);
        return new TextLine(text, glyphs, x, y, detected.box().width(), detected.box().height(), detected.score());
    }

    /** Rows top to bottom (a line starts a new row when its center is half a line height below the row's first), each left to right. */
    static List<TextLine> readingOrder(final List<TextLine> lines) {
        final List<TextLine> byY = new ArrayList<>(lines);
        byY.sort(Comparator.comparingDouble(TextLine::centerY));
        final List<TextLine> ordered = new ArrayList<>(lines.size());
        List<TextLine> row = new ArrayList<>();
        for (final TextLine line : byY) {
            if (!row.isEmpty()) {
                final TextLine first = row.get(0);
                if (line.centerY() - first.centerY() > 0.5 * Math.min(first.height(), line.height())) {
                    row.sort(Comparator.comparingDouble(TextLine::centerX));
                    ordered.addAll(row);
                    row = new ArrayList<>();
                }
            }
            row.add(line);
        }
        row.sort(Comparator.comparingDouble(TextLine::centerX));
        ordered.addAll(row);
        return ordered;
    }
}

package dev.nifiidcard.camera.specimen;

import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;

/**
 * The text format of committed glyph artwork. After {@code #} comment lines, a {@code weight regular} or
 * {@code weight bold} line starts each weight; then one line per glyph: the code point in hex, the advance, and the
 * outline as commands {@code m dx dy}, {@code l dx dy}, {@code q dx1 dy1 dx dy}, {@code c dx1 dy1 dx2 dy2 dx dy} and
 * {@code z}, every coordinate an integer relative to the point before (small numbers keep the file compact), in units
 * of 1/{@link #UNITS_PER_EM} em with y growing downwards from the baseline, as Java 2D draws.
 */
public final class GlyphArtwork {

    public static final int UNITS_PER_EM = 1000;
    static final String WEIGHT = "weight ";
    static final String BOLD = "bold";

    private GlyphArtwork() {
    }

    /** The line starting a weight. */
    public static String weightLine(final boolean bold) {
        return WEIGHT + (bold ? BOLD : "regular");
    }

    /** One glyph's line; {@code outline} is at {@link #UNITS_PER_EM} pixels per em. */
    public static String glyphLine(final int codePoint, final int advance, final Shape outline) {
        final StringBuilder line = new StringBuilder(Integer.toHexString(codePoint)).append(' ').append(advance);
        final double[] coordinates = new double[6];
        long x = 0;
        long y = 0;
        for (final PathIterator segments = outline.getPathIterator(null); !segments.isDone(); segments.next()) {
            final int type = segments.currentSegment(coordinates);
            final int points = switch (type) {
                case PathIterator.SEG_MOVETO, PathIterator.SEG_LINETO -> 1;
                case PathIterator.SEG_QUADTO -> 2;
                case PathIterator.SEG_CUBICTO -> 3;
                default -> 0;
            };
            line.append(' ').append("mlqcz".charAt(type));
            // deltas between rounded points, so rounding errors do not add up along the outline
            long fromX = x;
            long fromY = y;
            for (int point = 0; point < points; point++) {
                final long pointX = Math.round(coordinates[2 * point]);
                final long pointY = Math.round(coordinates[2 * point + 1]);
                line.append(' ').append(pointX - fromX).append(' ').append(pointY - fromY);
                if (point == points - 1) {
                    x = pointX;
                    y = pointY;
                }
            }
        }
        return line.toString();
    }

    /** The outline of a glyph line's commands. */
    static Path2D.Float path(final String commands) {
        final Path2D.Float path = new Path2D.Float(Path2D.WIND_NON_ZERO);
        final String[] tokens = commands.isBlank() ? new String[0] : commands.trim().split(" ");
        float x = 0;
        float y = 0;
        int i = 0;
        while (i < tokens.length) {
            final char command = tokens[i++].charAt(0);
            final float[] points = new float[switch (command) {
                case 'm', 'l' -> 2;
                case 'q' -> 4;
                case 'c' -> 6;
                case 'z' -> 0;
                default -> throw new IllegalArgumentException("Unknown glyph command " + command);
            }];
            for (int p = 0; p < points.length; p++) {
                points[p] = Integer.parseInt(tokens[i++]) + (p % 2 == 0 ? x : y);
            }
            switch (command) {
                case 'm' -> path.moveTo(points[0], points[1]);
                case 'l' -> path.lineTo(points[0], points[1]);
                case 'q' -> path.quadTo(points[0], points[1], points[2], points[3]);
                case 'c' -> path.curveTo(points[0], points[1], points[2], points[3], points[4], points[5]);
                default -> path.closePath();
            }
            if (points.length > 0) {
                x = points[points.length - 2];
                y = points[points.length - 1];
            }
        }
        return path;
    }
}

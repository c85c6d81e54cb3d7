package dev.nifiidcard.offline.ocr;

/**
 * An affine map x' = a·x + b·y + c, y' = d·x + e·y + f. Crops, resizes and whole-image quarter turns are all
 * such maps from the output pixel to the source pixel, so every model input is sampled once from the original image.
 */
record Affine(double a, double b, double c, double d, double e, double f) {

    static final Affine IDENTITY = new Affine(1, 0, 0, 0, 1, 0);

    double x(final double x, final double y) {
        return a * x + b * y + c;
    }

    double y(final double x, final double y) {
        return d * x + e * y + f;
    }

    Point apply(final Point point) {
        return new Point(x(point.x(), point.y()), y(point.x(), point.y()));
    }

    /** This map applied after {@code inner}: p ↦ this(inner(p)). */
    Affine after(final Affine inner) {
        return new Affine(a * inner.a + b * inner.d, a * inner.b + b * inner.e, a * inner.c + b * inner.f + c,
                d * inner.a + e * inner.d, d * inner.b + e * inner.e, d * inner.c + e * inner.f + f);
    }

    /** Maps (0,0), (1,0), (0,1) to {@code origin}, {@code origin + alongX}, {@code origin + alongY}. */
    static Affine spanning(final Point origin, final double alongXx, final double alongXy, final double alongYx,
            final double alongYy) {
        return new Affine(alongXx, alongYx, origin.x(), alongXy, alongYy, origin.y());
    }

    /**
     * From a view of the source turned {@code quarterTurns} × 90° clockwise to the source, whose size is
     * {@code width} × {@code height}.
     */
    static Affine fromClockwiseView(final int quarterTurns, final int width, final int height) {
        return switch (Math.floorMod(quarterTurns, 4)) {
            case 0 -> IDENTITY;
            case 1 -> new Affine(0, 1, 0, -1, 0, height - 1);
            case 2 -> new Affine(-1, 0, width - 1, 0, -1, height - 1);
            default -> new Affine(0, -1, width - 1, 1, 0, 0);
        };
    }

    /** The pixel-center mapping of a resize from {@code fromW} × {@code fromH} to {@code toW} × {@code toH}, as cv2.resize. */
    static Affine resize(final double fromW, final double fromH, final double toW, final double toH) {
        final double sx = fromW / toW;
        final double sy = fromH / toH;
        return new Affine(sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5);
    }
}

package dev.nifiidcard.offline.ocr;

/** A text box as PaddleOCR orders its corners: top-left, top-right, bottom-right, bottom-left. */
record Quad(Point topLeft, Point topRight, Point bottomRight, Point bottomLeft) {

    /** Length along the text: the longer of the top and bottom edges. */
    double width() {
        return Math.max(topLeft.distanceTo(topRight), bottomLeft.distanceTo(bottomRight));
    }

    /** Height across the text: the longer of the left and right edges. */
    double height() {
        return Math.max(topLeft.distanceTo(bottomLeft), topRight.distanceTo(bottomRight));
    }

    Point center() {
        return new Point((topLeft.x() + topRight.x() + bottomRight.x() + bottomLeft.x()) / 4,
                (topLeft.y() + topRight.y() + bottomRight.y() + bottomLeft.y()) / 4);
    }

    /** Angle of the longer side pair, in degrees in (-90, 90]: near ±90 for a vertical box. */
    double longSideDegrees() {
        final boolean wide = topLeft.distanceTo(topRight) >= topLeft.distanceTo(bottomLeft);
        final Point end = wide ? topRight : bottomLeft;
        double degrees = Math.toDegrees(Math.atan2(end.y() - topLeft.y(), end.x() - topLeft.x()));
        if (degrees > 90) {
            degrees -= 180;
        } else if (degrees <= -90) {
            degrees += 180;
        }
        return degrees;
    }

    /** Angle of the top edge in degrees: the tilt of a horizontal line of text. */
    double topEdgeDegrees() {
        return Math.toDegrees(Math.atan2(topRight.y() - topLeft.y(), topRight.x() - topLeft.x()));
    }

    /** The same box in a frame turned half a turn, in which the frame is {@code width} × {@code height}. */
    Quad turnedHalf(final int width, final int height) {
        return new Quad(flip(bottomRight, width, height), flip(bottomLeft, width, height),
                flip(topLeft, width, height), flip(topRight, width, height));
    }

    private static Point flip(final Point point, final int width, final int height) {
        return new Point(width - 1 - point.x(), height - 1 - point.y());
    }
}

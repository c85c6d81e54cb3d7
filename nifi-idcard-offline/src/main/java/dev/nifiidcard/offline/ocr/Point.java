package dev.nifiidcard.offline.ocr;

/** A point in pixel coordinates, pixel centers on integers (OpenCV's convention, which PaddleOCR's boxes follow). */
record Point(double x, double y) {

    double distanceTo(final Point other) {
        return Math.hypot(other.x - x, other.y - y);
    }
}

package dev.nifiidcard.offline.ocr;

import java.util.List;

/**
 * What {@link OcrEngine#read} found on one image.
 *
 * @param rotation    clockwise degrees (0, 90, 180 or 270) the image had to be turned to be upright
 * @param skewDegrees the median tilt of the long lines in the upright image, removed from the lines' geometry
 *                    (positive: lines descend to the right)
 * @param width       width of the upright frame
 * @param height      height of the upright frame
 * @param lines       top to bottom, then left to right in the upright, deskewed frame
 * @param timings     wall-clock nanoseconds each stage took
 */
public record OcrPage(int rotation, double skewDegrees, int width, int height, List<TextLine> lines, Timings timings) {

    public OcrPage {
        lines = List.copyOf(lines);
    }

    /** Nanoseconds spent in detection (the image's conversion, one or two passes), angle classification and recognition. */
    public record Timings(long detection, long classification, long recognition) {
    }
}

package dev.nifiidcard.offline.card;

/**
 * One line of text the recognizer found, placed in the upright, deskewed frame of the image (pixels).
 *
 * @param text     what it read
 * @param centerX  the line's centre
 * @param centerY  the line's centre
 * @param width    along the text
 * @param height   across the text: about the printed character size
 */
public record CardLine(ReadText text, double centerX, double centerY, double width, double height) {

    public double left() {
        return centerX - width / 2;
    }

    public double right() {
        return centerX + width / 2;
    }
}

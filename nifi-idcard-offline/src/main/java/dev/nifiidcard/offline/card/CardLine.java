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

    /**
     * How much wider a line is than its characters, in characters: printed Chinese characters are about as wide as the
     * line is high, less its margin (digits and letters half as wide). A line that holds a character's room more than it
     * read lost one, wherever in the line: the recognizer drops what it cannot read.
     */
    public double unreadRoom() {
        return width / (height * CHARACTER_PER_HEIGHT) - text.printedWidth();
    }

    /** A printed character's advance as a share of its line's detected height (the box has a margin above and below). */
    static final double CHARACTER_PER_HEIGHT = 0.83;

    public double left() {
        return centerX - width / 2;
    }

    public double right() {
        return centerX + width / 2;
    }
}

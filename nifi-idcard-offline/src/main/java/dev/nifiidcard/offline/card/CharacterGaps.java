package dev.nifiidcard.offline.card;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a character may be missing inside a line: the recognizer drops a character it cannot read (one outside its
 * dictionary, or under glare) and leaves a hole the size of a character between its neighbours. Spacing is measured
 * in the recognizer's frames, a Chinese character counting as twice the width of a digit or Latin letter; the line's
 * own median spacing is the yardstick, so the font size does not matter.
 */
final class CharacterGaps {

    /** Extra room, in character widths, that counts as a hole: a digit is half a character. */
    private static final double HOLE = 0.4;

    private CharacterGaps() {
    }

    /**
     * @param text       the line's characters
     * @param positions  each character's position along the line, in frames
     * @param lineFrames the line's length in frames
     * @return per character, whether a hole (or a space the recognizer read) comes right before it, or, for the last,
     *         whether the line goes on after it further than it starts before the first
     */
    static boolean[] holes(final String text, final float[] positions, final double lineFrames) {
        final boolean[] gaps = new boolean[text.length()];
        final List<Double> pitches = new ArrayList<>();
        int previous = -1;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                continue;
            }
            if (previous >= 0) {
                pitches.add((positions[i] - positions[previous]) / expected(text.charAt(previous), text.charAt(i)));
            }
            previous = i;
        }
        // two pitches at least to find a wide one among them; one is enough to measure the line's ends with
        final double pitch = pitches.size() >= 2 ? lowerMedian(pitches) : Double.NaN;
        final double endPitch = pitches.isEmpty() ? Double.NaN : lowerMedian(pitches);
        previous = -1;
        boolean spaced = false;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                spaced = previous >= 0;
                continue;
            }
            if (previous >= 0) {
                final double distance = positions[i] - positions[previous];
                gaps[i] = spaced || distance > pitch * (expected(text.charAt(previous), text.charAt(i)) + HOLE);
            }
            spaced = false;
            previous = i;
        }
        if (previous > 0) {
            // the text starts as far into its box as it should end before the box's end: more room after it is a lost end
            final int first = firstNonSpace(text);
            final double roomAfter = lineFrames - positions[previous];
            gaps[previous] |= roomAfter - positions[first] > HOLE * 1.5 * endPitch;
        }
        return gaps;
    }

    private static int firstNonSpace(final String text) {
        int first = 0;
        while (Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        return first;
    }

    /** The distance between the centres of two neighbours, in Chinese character widths. */
    private static double expected(final char left, final char right) {
        return (width(left) + width(right)) / 2;
    }

    /** A character's printed width in Chinese character widths: digits and Latin letters print half as wide. */
    static double width(final char c) {
        return Character.isIdeographic(c) ? 1 : 0.5;
    }

    /** The lower median: of two pitches, the smaller, since a hole only ever widens one. */
    private static double lowerMedian(final List<Double> values) {
        final List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}

package dev.nifiidcard.offline.card;

import java.util.Arrays;

/**
 * Text as the recognizer read it, with for every character its confidence and its runner-up (the best other
 * character the model saw there, and how sure it was of that one). Characters are Java chars: the recognizer's
 * dictionary holds no character outside the Basic Multilingual Plane.
 *
 * @param text                the characters read
 * @param confidence          per character, 0..1
 * @param runnerUps           per character, the runner-up character ({@code '\0'} when there was none)
 * @param runnerUpConfidence  per character, the runner-up's probability
 * @param holeNear           per character, whether a character may be missing next to it: a hole (or a space) before it,
 *                            or after it when it ends its line
 */
public record ReadText(String text, float[] confidence, String runnerUps, float[] runnerUpConfidence, boolean[] holeNear) {

    public static final ReadText EMPTY = new ReadText("", new float[0], "", new float[0], new boolean[0]);

    public ReadText {
        if (confidence.length != text.length() || runnerUps.length() != text.length() || runnerUpConfidence.length != text.length()
                || holeNear.length != text.length()) {
            throw new IllegalArgumentException("One confidence, one runner-up and one gap flag per character");
        }
    }

    /**
     * A line as the recognizer read it, its holes found from where each character stands along it.
     *
     * @param positions  each character's position along the line, in the recognizer's frames
     * @param lineFrames the line's length in the same frames
     */
    public static ReadText ofLine(final String text, final float[] confidence, final String runnerUps, final float[] runnerUpConfidence,
                                  final float[] positions, final double lineFrames) {
        return new ReadText(text, confidence, runnerUps, runnerUpConfidence, CharacterGaps.holes(text, positions, lineFrames));
    }

    /** Text read with full confidence and no runner-ups, as in tests. */
    public static ReadText certain(final String text) {
        final float[] ones = new float[text.length()];
        Arrays.fill(ones, 1f);
        return new ReadText(text, ones, "\0".repeat(text.length()), new float[text.length()], new boolean[text.length()]);
    }

    public int length() {
        return text.length();
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    public ReadText substring(final int from, final int to) {
        return new ReadText(text.substring(from, to), Arrays.copyOfRange(confidence, from, to), runnerUps.substring(from, to),
                Arrays.copyOfRange(runnerUpConfidence, from, to), Arrays.copyOfRange(holeNear, from, to));
    }

    public ReadText substring(final int from) {
        return substring(from, text.length());
    }

    public ReadText concat(final ReadText other) {
        final float[] joinedConfidence = Arrays.copyOf(confidence, confidence.length + other.confidence.length);
        System.arraycopy(other.confidence, 0, joinedConfidence, confidence.length, other.confidence.length);
        final float[] joinedRunnerUps = Arrays.copyOf(runnerUpConfidence, runnerUpConfidence.length + other.runnerUpConfidence.length);
        System.arraycopy(other.runnerUpConfidence, 0, joinedRunnerUps, runnerUpConfidence.length, other.runnerUpConfidence.length);
        final boolean[] joinedGaps = Arrays.copyOf(holeNear, holeNear.length + other.holeNear.length);
        System.arraycopy(other.holeNear, 0, joinedGaps, holeNear.length, other.holeNear.length);
        return new ReadText(text + other.text, joinedConfidence, runnerUps + other.runnerUps, joinedRunnerUps, joinedGaps);
    }

    /** Without white space, which the card's spaced labels and the recognizer put anywhere. */
    public ReadText withoutSpaces() {
        final StringBuilder kept = new StringBuilder();
        final StringBuilder keptRunnerUps = new StringBuilder();
        final float[] keptConfidence = new float[text.length()];
        final float[] keptRunnerUpConfidence = new float[text.length()];
        final boolean[] keptGaps = new boolean[text.length()];
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                keptConfidence[kept.length()] = confidence[i];
                keptRunnerUpConfidence[kept.length()] = runnerUpConfidence[i];
                keptGaps[kept.length()] = holeNear[i];
                kept.append(text.charAt(i));
                keptRunnerUps.append(runnerUps.charAt(i));
            }
        }
        return new ReadText(kept.toString(), Arrays.copyOf(keptConfidence, kept.length()), keptRunnerUps.toString(),
                Arrays.copyOf(keptRunnerUpConfidence, kept.length()), Arrays.copyOf(keptGaps, kept.length()));
    }

    /** How wide the text prints, in Chinese character widths (spaces not counted). */
    public double printedWidth() {
        double width = 0;
        for (final char c : text.toCharArray()) {
            width += Character.isWhitespace(c) ? 0 : CharacterGaps.width(c);
        }
        return width;
    }

    /** The lowest confidence of any character, 1 for no character. */
    public float minConfidence() {
        float min = 1f;
        for (final float c : confidence) {
            min = Math.min(min, c);
        }
        return min;
    }

    @Override
    public String toString() {
        // card text is personal data: keep it out of logs that print records
        return "ReadText[" + text.length() + " characters]";
    }
}

package dev.nifiidcard.offline.ocr;

import java.util.ArrayList;
import java.util.List;

/** CTCLabelDecode, greedy: per frame the best class; repeats merged, blanks dropped; with each character's runner-up. */
final class CtcDecoder {

    private CtcDecoder() {
    }

    /**
     * @param probabilities softmax outputs, frames × classes floats from {@code offset}
     * @param frames        frame count
     * @param characters    each class's text, class 0 the blank
     */
    static List<Glyph> decode(final float[] probabilities, final int offset, final int frames, final String[] characters) {
        final int classes = characters.length;
        final List<Glyph> glyphs = new ArrayList<>();
        int previous = 0;
        int runStart = 0;
        for (int t = 0; t <= frames; t++) {
            final int best = t < frames ? argmax(probabilities, offset + t * classes, classes) : 0;
            if (best == previous) {
                continue;
            }
            if (previous != 0) {
                glyphs.add(glyph(probabilities, offset, runStart, t, previous, characters));
            }
            previous = best;
            runStart = t;
        }
        return glyphs;
    }

    private static Glyph glyph(final float[] probabilities, final int offset, final int from, final int to,
            final int chosen, final String[] characters) {
        final int classes = characters.length;
        double sum = 0;
        int runnerUp = 0;
        float runnerUpProbability = 0;
        for (int t = from; t < to; t++) {
            final int frame = offset + t * classes;
            sum += probabilities[frame + chosen];
            for (int c = 1; c < classes; c++) {
                if (c != chosen && probabilities[frame + c] > runnerUpProbability) {
                    runnerUpProbability = probabilities[frame + c];
                    runnerUp = c;
                }
            }
        }
        return new Glyph(characters[chosen], (float) (sum / (to - from)), characters[runnerUp],
                runnerUpProbability);
    }

    private static int argmax(final float[] values, final int from, final int count) {
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (values[from + i] > values[from + best]) {
                best = i;
            }
        }
        return best;
    }
}

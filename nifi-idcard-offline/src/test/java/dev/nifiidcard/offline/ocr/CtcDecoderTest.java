package dev.nifiidcard.offline.ocr;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CtcDecoderTest {

    private static final String[] CLASSES = {"", "余", "佘", "A"};

    @Test
    void mergesRepeatsDropsBlanksAndKeepsEachCharactersRunnerUp() {
        final float[] frames = {
            0.9f, 0.05f, 0.05f, 0f, // blank
            0.1f, 0.6f, 0.3f, 0f, // 余, 佘 close behind
            0f, 0.8f, 0.1f, 0.1f, // 余 again: merged
            1f, 0f, 0f, 0f, // blank
            0f, 0.7f, 0f, 0.3f, // 余 once more: a new character after the blank
            0f, 0f, 0f, 1f}; // A, with no other candidate
        final List<Glyph> glyphs = CtcDecoder.decode(frames, 0, 6, CLASSES);
        assertEquals(List.of("余", "余", "A"), glyphs.stream().map(Glyph::character).toList());
        assertEquals(0.7f, glyphs.get(0).confidence(), 1e-6);
        assertEquals("佘", glyphs.get(0).runnerUp());
        assertEquals(0.3f, glyphs.get(0).runnerUpConfidence(), 1e-6);
        assertEquals("A", glyphs.get(1).runnerUp());
        assertEquals("", glyphs.get(2).runnerUp());
        assertEquals(0f, glyphs.get(2).runnerUpConfidence());
    }

    @Test
    void readsFromTheOffsetOfItsBatchItem() {
        final float[] batch = {1f, 0f, 0f, 0f, 0f, 0f, 0.2f, 0.8f};
        assertEquals(List.of("A"), CtcDecoder.decode(batch, 4, 1, CLASSES).stream().map(Glyph::character).toList());
        assertEquals(List.of(), CtcDecoder.decode(batch, 0, 1, CLASSES));
    }
}

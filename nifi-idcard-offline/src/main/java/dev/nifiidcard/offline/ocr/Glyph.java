package dev.nifiidcard.offline.ocr;

/**
 * One recognized character and the strongest alternative the model saw in its place.
 *
 * @param character          the character read (one dictionary entry)
 * @param confidence         mean over the frames that produced it of their top probability
 * @param runnerUp           the most probable other non-blank class over those frames; empty when there is none
 * @param runnerUpConfidence its highest probability over those frames (0 when there is none)
 */
public record Glyph(String character, float confidence, String runnerUp, float runnerUpConfidence) {
}

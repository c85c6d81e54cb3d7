package dev.nifiidcard.camera.gate;

import dev.nifiidcard.camera.Frame;

/**
 * A frame the gate lets through.
 *
 * @param frame   the frame to emit; in {@link GateMode#SHARP_STILL_CARD} possibly an earlier frame than the one just
 *                offered (the sharpest of its still period)
 * @param scores  that frame's scores
 * @param verdict why it passed, for example {@code sharpest of 5 still frames}
 */
public record GateDecision(Frame frame, FrameScores scores, String verdict) {
}

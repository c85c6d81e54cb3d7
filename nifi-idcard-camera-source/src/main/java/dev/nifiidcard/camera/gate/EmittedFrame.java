package dev.nifiidcard.camera.gate;

import java.time.Instant;

/**
 * What a {@link QualityGate} remembers of the last frame it emitted, enough for another gate to go on suppressing its
 * duplicates: on another node after a primary-node change, or after a restart.
 *
 * @param dHash     the emitted frame's 64-bit difference hash
 * @param emittedAt when it was emitted, by the frames' timestamps
 * @param hadCard   whether it showed a card; such a memory ends once the card has left the view
 */
public record EmittedFrame(long dHash, Instant emittedAt, boolean hadCard) {
}

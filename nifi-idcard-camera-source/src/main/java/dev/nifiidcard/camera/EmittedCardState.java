package dev.nifiidcard.camera;

import dev.nifiidcard.camera.gate.EmittedFrame;
import dev.nifiidcard.camera.gate.QualityGate;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.components.state.StateManager;
import org.apache.nifi.processor.ProcessSession;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The quality gate's memory of the last emitted card, in cluster state, for network cameras: the node that becomes
 * primary reads it, so a card lying on the desk across a primary-node change is not emitted (and paid for) again.
 * Local cameras keep nothing: each node has its own camera and its own gate.
 */
final class EmittedCardState {

    static final String DHASH = "emitted.dhash";
    static final String EMITTED_AT = "emitted.at";
    static final String HAD_CARD = "emitted.card";

    private final boolean shared;
    /** What the state holds, as far as this node knows; it is written only when the gate's memory differs. */
    private Optional<EmittedFrame> saved = Optional.empty();

    EmittedCardState(final boolean shared) {
        this.shared = shared;
    }

    /** Tells the gate what the last primary node emitted, if it still counts. */
    void restore(final StateManager state, final QualityGate gate) throws IOException {
        if (!shared) {
            return;
        }
        saved = parse(state.getState(Scope.CLUSTER).toMap());
        saved.ifPresent(gate::remember);
    }

    /** Saves the gate's memory when it changed: after an emission, or when the emitted card has left the view. */
    void save(final ProcessSession session, final QualityGate gate) throws IOException {
        final Optional<EmittedFrame> current = gate.lastEmitted();
        if (!shared || current.equals(saved)) {
            return;
        }
        session.setState(current.map(EmittedCardState::toMap).orElse(Map.of()), Scope.CLUSTER);
        saved = current;
    }

    private static Map<String, String> toMap(final EmittedFrame emitted) {
        return Map.of(DHASH, Long.toHexString(emitted.dHash()),
                EMITTED_AT, Long.toString(emitted.emittedAt().toEpochMilli()),
                HAD_CARD, Boolean.toString(emitted.hadCard()));
    }

    private static Optional<EmittedFrame> parse(final Map<String, String> values) {
        if (!values.containsKey(DHASH) || !values.containsKey(EMITTED_AT)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EmittedFrame(Long.parseUnsignedLong(values.get(DHASH), 16),
                    Instant.ofEpochMilli(Long.parseLong(values.get(EMITTED_AT))), Boolean.parseBoolean(values.get(HAD_CARD))));
        } catch (final NumberFormatException unreadable) {
            return Optional.empty();
        }
    }
}

package dev.nifiidcard.camera.gate;

import java.io.IOException;
import java.util.Locale;

/**
 * A frame the gate will not decode, with the kind of reason: its data is corrupt, it uses a coding process no decoder
 * here reads, or decoding what it claims would cost more than one frame may. It is refused without trying another
 * decoder, so that a corrupt frame is never scored from the garbage a lenient decoder makes of it.
 */
public final class RefusedFrameException extends IOException {

    /** Why a frame is refused; the lower-case name leads the gate's verdict. */
    public enum Kind {
        CORRUPT, UNSUPPORTED, OVER_BUDGET;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private final Kind kind;

    RefusedFrameException(final Kind kind, final String message) {
        super(message);
        this.kind = kind;
    }

    static RefusedFrameException corrupt(final String message) {
        return new RefusedFrameException(Kind.CORRUPT, message);
    }

    static RefusedFrameException unsupported(final String message) {
        return new RefusedFrameException(Kind.UNSUPPORTED, message);
    }

    static RefusedFrameException overBudget(final String message) {
        return new RefusedFrameException(Kind.OVER_BUDGET, message);
    }

    /**
     * A header may claim any size: blocks that {@code bytes} cannot hold at {@code minBitsPerBlock} each are refused as
     * corrupt before anything is allocated for them.
     */
    static void requireRoomFor(final long blocks, final long bytes, final int minBitsPerBlock) throws RefusedFrameException {
        if (blocks * minBitsPerBlock > bytes * 8) {
            throw corrupt(bytes + " bytes cannot hold the " + blocks + " blocks the header declares (truncated, or a false size)");
        }
    }

    public Kind kind() {
        return kind;
    }

    /** For example {@code corrupt: The JPEG has an invalid Huffman code}. */
    public String verdict() {
        return kind.label() + ": " + getMessage();
    }
}

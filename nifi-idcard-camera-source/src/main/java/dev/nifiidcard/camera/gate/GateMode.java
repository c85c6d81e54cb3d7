package dev.nifiidcard.camera.gate;

/** How choosy the quality gate is. */
public enum GateMode {
    /** Every frame passes; only its size is read (from the JPEG header). */
    OFF,
    /** Sharp, well exposed frames pass, at most one per minimum interval, without duplicates. */
    SHARP,
    /**
     * A large enough card must lie still for a number of frames; the sharpest frame of that still period passes,
     * once. The same card is not passed again until it has left the view.
     */
    SHARP_STILL_CARD
}

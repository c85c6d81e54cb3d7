package dev.nifiidcard.camera;

/** Attributes written by GetCameraImage. */
public final class CameraAttributes {

    public static final String MODE = "camera.mode";
    public static final String SOURCE = "camera.source";
    public static final String SEQUENCE = "frame.sequence";
    public static final String TIMESTAMP = "frame.timestamp";
    public static final String WIDTH = "image.width";
    public static final String HEIGHT = "image.height";
    public static final String GATE_VERDICT = "camera.gate.verdict";
    public static final String GATE_SHARPNESS = "camera.gate.sharpness";
    public static final String GATE_BRIGHTNESS = "camera.gate.brightness";
    public static final String GATE_DARK_FRACTION = "camera.gate.dark.fraction";
    public static final String GATE_BRIGHT_FRACTION = "camera.gate.bright.fraction";
    public static final String GATE_MOTION = "camera.gate.motion";
    public static final String GATE_CARD_PRESENT = "camera.gate.card.present";
    public static final String GATE_CARD_AREA = "camera.gate.card.area";
    public static final String GATE_CARD_ASPECT = "camera.gate.card.aspect";

    private CameraAttributes() {
    }
}

package dev.nifiidcard.camera;

import dev.nifiidcard.camera.gate.FrameScores;
import dev.nifiidcard.camera.gate.GateDecision;
import org.apache.nifi.flowfile.attributes.CoreAttributes;

import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The attributes of an emitted frame: where it comes from, its size, and the gate's scores. */
final class FrameAttributes {

    private FrameAttributes() {
    }

    static Map<String, String> of(final GateDecision decision, final CaptureMode mode, final String maskedSource, final long number) {
        final Frame frame = decision.frame();
        final FrameScores scores = decision.scores();
        final Map<String, String> attributes = new HashMap<>(frame.metadata());
        attributes.put(CoreAttributes.MIME_TYPE.key(), frame.mimeType());
        attributes.put(CoreAttributes.FILENAME.key(), "camera-" + mode.attributeValue() + "-"
                + frame.timestamp().toEpochMilli() + "-" + number + extension(frame.mimeType()));
        attributes.put(CameraAttributes.MODE, mode.attributeValue());
        attributes.put(CameraAttributes.SOURCE, maskedSource);
        attributes.put(CameraAttributes.SEQUENCE, Long.toString(number));
        attributes.put(CameraAttributes.TIMESTAMP, DateTimeFormatter.ISO_INSTANT.format(frame.timestamp()));
        attributes.put(CameraAttributes.WIDTH, Integer.toString(scores.width()));
        attributes.put(CameraAttributes.HEIGHT, Integer.toString(scores.height()));
        attributes.put(CameraAttributes.GATE_VERDICT, decision.verdict());
        putScore(attributes, CameraAttributes.GATE_SHARPNESS, scores.sharpness());
        putScore(attributes, CameraAttributes.GATE_BRIGHTNESS, scores.brightness());
        putScore(attributes, CameraAttributes.GATE_DARK_FRACTION, scores.darkFraction());
        putScore(attributes, CameraAttributes.GATE_BRIGHT_FRACTION, scores.brightFraction());
        putScore(attributes, CameraAttributes.GATE_MOTION, scores.stillness());
        if (!Double.isNaN(scores.brightness())) {
            attributes.put(CameraAttributes.GATE_CARD_PRESENT, Boolean.toString(scores.cardPresent()));
        }
        putScore(attributes, CameraAttributes.GATE_CARD_AREA, scores.cardAreaFraction());
        putScore(attributes, CameraAttributes.GATE_CARD_ASPECT, scores.cardAspect());
        return attributes;
    }

    private static void putScore(final Map<String, String> attributes, final String name, final double value) {
        if (!Double.isNaN(value)) {
            attributes.put(name, String.format(Locale.ROOT, "%.3f", value));
        }
    }

    private static String extension(final String mimeType) {
        return "image/png".equals(mimeType) ? ".png" : ".jpg";
    }
}

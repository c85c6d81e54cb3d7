package dev.nifiidcard.camera.specimen;

import dev.nifiidcard.camera.Frame;
import dev.nifiidcard.camera.gate.FrameSize;
import dev.nifiidcard.camera.gate.GateDecision;
import dev.nifiidcard.camera.gate.GateMode;
import dev.nifiidcard.camera.gate.GateSettings;
import dev.nifiidcard.camera.gate.JpegSegments;
import dev.nifiidcard.camera.gate.QualityGate;
import org.junit.jupiter.api.Test;

import dev.nifiidcard.camera.ManualClock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecimenCameraTest {

    private static final Instant START = Instant.parse("2025-01-01T08:00:00Z");

    @Test
    void keepsTimeFromItsClockAndStampsFramesByIndex() {
        final ManualClock clock = new ManualClock(START);
        final SpecimenCameraSettings settings = SpecimenCameraSettings.DEFAULTS.withSize(160, 90).withFramesPerSecond(4);
        try (SpecimenCamera camera = new SpecimenCamera(settings, clock)) {
            camera.start();
            assertEquals(START, camera.next().timestamp());
            assertNull(camera.next(), "frame 1 is due only after 0.25 s");
            clock.advance(Duration.ofMillis(250));
            assertEquals(START.plusMillis(250), camera.next().timestamp());
            assertEquals(0, camera.takeDroppedCount());

            // a caller 1 s late gets the current frame; the three it missed are dropped
            clock.advance(Duration.ofMillis(1000));
            assertEquals(START.plusMillis(1250), camera.next().timestamp());
            assertEquals(3, camera.takeDroppedCount());
            assertEquals(0, camera.takeDroppedCount(), "taken once");
        }
    }

    @Test
    void theSameSeedFilmsTheSameFramesAnotherSeedOthers() {
        final SpecimenCameraSettings settings = SpecimenCameraSettings.DEFAULTS.withSize(320, 180);
        final long[] indices = {0, 15, 30};
        final List<byte[]> first = film(settings, indices);
        final List<byte[]> second = film(settings, indices);
        final List<byte[]> otherSeed = film(settings.withSeed(2), indices);

        for (int i = 0; i < indices.length; i++) {
            assertArrayEquals(first.get(i), second.get(i), "frame " + indices[i]);
            assertFalse(Arrays.equals(first.get(i), otherSeed.get(i)), "frame " + indices[i] + " with another seed");
        }
    }

    @Test
    void filmsTheDefaultSizeAndFullHd() throws Exception {
        for (final SpecimenCameraSettings settings : List.of(SpecimenCameraSettings.DEFAULTS, SpecimenCameraSettings.DEFAULTS.withSize(1920, 1080))) {
            final Frame frame = camera(settings).frame(30);
            assertEquals(new FrameSize(settings.width(), settings.height()), JpegSegments.size(frame.bytes()));
        }
    }

    @Test
    void framesWithACardCarryItsFieldsFramesWithoutNone() {
        final SpecimenCameraSettings settings = SpecimenCameraSettings.DEFAULTS.withSize(320, 180);
        final SpecimenCamera camera = camera(settings);
        final SpecimenScript script = new SpecimenScript(settings);

        final Frame empty = camera.frame(0);
        assertFalse(script.sceneAt(0).hasCard());
        assertEquals(Map.of(), empty.metadata());
        assertTrue(SpecimenMetadata.read(empty.bytes()).isEmpty());

        final long resting = Math.round((SpecimenScript.EMPTY_SECONDS + SpecimenScript.ENTER_SECONDS + 1) * settings.framesPerSecond());
        assertEquals(SpecimenCard.CYCLE.getFirst(), script.sceneAt(resting).card());
        final Frame withCard = camera.frame(resting);
        final Map<String, String> fields = SpecimenCard.CYCLE.getFirst().fields();
        assertEquals(fields, SpecimenMetadata.read(withCard.bytes()).orElseThrow());
        fields.forEach((key, value) -> assertEquals(value, withCard.metadata().get("specimen." + key), key));
        assertEquals(fields.size(), withCard.metadata().size());
    }

    /** The whole loop through the default gate: every presentation of a card gives exactly one frame, of that card. */
    @Test
    void everyPresentationOfTheLoopPassesTheDefaultGateOnce() {
        final SpecimenCameraSettings settings = SpecimenCameraSettings.DEFAULTS.withSize(640, 360);
        final ManualClock clock = new ManualClock(START);
        final SpecimenScript script = new SpecimenScript(settings);
        final QualityGate gate = new QualityGate(GateMode.SHARP_STILL_CARD, GateSettings.DEFAULTS);
        final List<List<GateDecision>> perPresentation = new ArrayList<>();
        try (SpecimenCamera camera = new SpecimenCamera(settings, clock)) {
            camera.start();
            final long frames = script.framesPerPresentation() * SpecimenCard.CYCLE.size();
            for (long index = 0; index < frames; index++) {
                clock.set(START.plusNanos(Math.round(index * 1e9 / settings.framesPerSecond())));
                final Frame frame = camera.next();
                assertEquals(START.plusNanos(Math.round(index * 1e9 / settings.framesPerSecond())), frame.timestamp());
                final int presentation = (int) (index / script.framesPerPresentation());
                if (perPresentation.size() == presentation) {
                    perPresentation.add(new ArrayList<>());
                }
                gate.offer(frame).ifPresent(perPresentation.get(presentation)::add);
            }
            assertEquals(0, camera.takeDroppedCount());
        }
        for (int presentation = 0; presentation < SpecimenCard.CYCLE.size(); presentation++) {
            final List<GateDecision> emitted = perPresentation.get(presentation);
            assertEquals(1, emitted.size(), "presentation " + presentation);
            final Map<String, String> fields = SpecimenCard.CYCLE.get(presentation).fields();
            assertEquals(fields.get("side"), emitted.getFirst().frame().metadata().get("specimen.side"));
            assertEquals(fields, SpecimenMetadata.read(emitted.getFirst().frame().bytes()).orElseThrow());
        }
    }

    private static SpecimenCamera camera(final SpecimenCameraSettings settings) {
        final SpecimenCamera camera = new SpecimenCamera(settings, Clock.fixed(START, ZoneOffset.UTC));
        camera.start();
        return camera;
    }

    private static List<byte[]> film(final SpecimenCameraSettings settings, final long[] indices) {
        final SpecimenCamera camera = camera(settings);
        final List<byte[]> frames = new ArrayList<>();
        for (final long index : indices) {
            frames.add(camera.frame(index).bytes());
        }
        return frames;
    }
}

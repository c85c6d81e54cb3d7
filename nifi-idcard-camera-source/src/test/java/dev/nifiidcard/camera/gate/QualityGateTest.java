package dev.nifiidcard.camera.gate;

import dev.nifiidcard.camera.Frame;
import dev.nifiidcard.camera.specimen.SpecimenMetadata;
import dev.nifiidcard.camera.specimen.SpecimenScene;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityGateTest {

    /** Frames come 0.1 s apart (10 fps); tests that are not about the interval disable it. */
    private static final double FRAME_SECONDS = 0.1;
    private static final GateSettings NO_INTERVAL = GateSettings.DEFAULTS.withMinInterval(Duration.ZERO);

    private final SceneFrames frames = new SceneFrames();
    /** Number of the next frame; its timestamp is number × {@value #FRAME_SECONDS} s. */
    private int frameNumber;

    @Test
    void sharpFramePassesBlurredFrameIsRejected() {
        final SpecimenScene card = SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT);

        final QualityGate sharp = new QualityGate(GateMode.SHARP, GateSettings.DEFAULTS);
        assertTrue(sharp.offer(next(card)).isPresent(), sharp::lastVerdict);

        final QualityGate blurred = new QualityGate(GateMode.SHARP, GateSettings.DEFAULTS);
        assertTrue(blurred.offer(next(card.withDefocus(5))).isEmpty());
        assertTrue(blurred.lastVerdict().startsWith("blurry"), blurred::lastVerdict);

        final QualityGate stillCard = new QualityGate(GateMode.SHARP_STILL_CARD, NO_INTERVAL);
        assertTrue(offerAll(stillCard, card.withDefocus(5), 12).isEmpty(), "a card that never comes into focus");
        assertTrue(stillCard.lastVerdict().startsWith("blurry"), stillCard::lastVerdict);
    }

    @Test
    void smallCardIsRejectedLargeCardAccepted() {
        final SpecimenScene small = SceneFrames.emptyDesk().withCard(SceneFrames.LI_MING_FRONT, 0.35);
        final QualityGate gate = new QualityGate(GateMode.SHARP_STILL_CARD, NO_INTERVAL);
        assertTrue(offerAll(gate, small, 12).isEmpty());
        assertTrue(gate.lastVerdict().startsWith("card too small"), gate::lastVerdict);

        final SpecimenScene large = SceneFrames.emptyDesk().withCard(SceneFrames.LI_MING_FRONT, 0.70);
        assertEquals(1, offerAll(new QualityGate(GateMode.SHARP_STILL_CARD, NO_INTERVAL), large, 12).size());
    }

    @Test
    void emptyDeskNeverEmits() {
        for (final GateMode mode : new GateMode[] {GateMode.SHARP, GateMode.SHARP_STILL_CARD}) {
            for (final SpecimenScene.Desk desk : SpecimenScene.Desk.values()) {
                final QualityGate gate = new QualityGate(mode, NO_INTERVAL);
                assertTrue(offerAll(gate, SceneFrames.emptyDesk().on(desk), 8).isEmpty(), () -> mode + " on " + desk + ": " + gate.lastVerdict());
            }
        }
    }

    @Test
    void movingCardIsNotEmittedUntilItLiesStill() {
        final SpecimenScene card = SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT);
        final QualityGate gate = new QualityGate(GateMode.SHARP_STILL_CARD, NO_INTERVAL);
        for (int step = 0; step < 8; step++) {
            // slides 1.5% of the frame per frame, sharp: only stillness holds it back
            assertTrue(gate.offer(next(card.at(0.42 + 0.015 * step, 0.5))).isEmpty(), gate::lastVerdict);
            assertTrue(step == 0 || gate.lastVerdict().startsWith("moving"), gate::lastVerdict);
        }
        final List<Optional<GateDecision>> atRest = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            atRest.add(gate.offer(next(card.at(0.42 + 0.015 * 8, 0.5))));
        }
        // the first frame at rest still differs from the last moving one; then stillFrames still frames are needed
        final int emittedAt = GateSettings.DEFAULTS.stillFrames();
        for (int i = 0; i < atRest.size(); i++) {
            assertEquals(i == emittedAt, atRest.get(i).isPresent(), "frame " + i + " at rest");
        }
    }

    @Test
    void stillPeriodEmitsItsSharpestFrameOnce() {
        final SpecimenScene card = SceneFrames.cardAtRest(SceneFrames.LIU_YANG_FRONT);
        final QualityGate gate = new QualityGate(GateMode.SHARP_STILL_CARD, NO_INTERVAL);
        gate.offer(next(card.withDefocus(3)));
        // focus hunting: the third still frame is the sharpest, and the period is long enough at the fifth
        final double[] focus = {3, 2, 0, 1, 2};
        final List<Frame> still = new ArrayList<>();
        Optional<GateDecision> decision = Optional.empty();
        for (final double blur : focus) {
            final Frame frame = next(card.withDefocus(blur));
            still.add(frame);
            decision = gate.offer(frame);
        }
        assertTrue(decision.isPresent(), gate::lastVerdict);
        assertSame(still.get(2), decision.get().frame(), "the sharpest frame of the period, not the current one");
        assertTrue(decision.get().verdict().startsWith("sharpest of 5 still frames"), decision.get().verdict());

        assertTrue(offerAll(gate, card, 15).isEmpty(), "the rest of the period, even as sharp, is not emitted");
        assertTrue(gate.lastVerdict().contains("already decided"), gate::lastVerdict);
    }

    @Test
    void sameCardPutBackInPlaceIsSuppressedUntilItLeaves() {
        final SpecimenScene card = SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT);
        final QualityGate gate = new QualityGate(GateMode.SHARP_STILL_CARD, NO_INTERVAL);
        assertEquals(1, offerAll(gate, card, 8).size());

        // nudged: two frames of motion, then a new still period of the same card
        gate.offer(next(card.at(0.53, 0.5)));
        gate.offer(next(card.at(0.52, 0.5).rotated(2)));
        assertTrue(offerAll(gate, card.at(0.51, 0.49).rotated(2), 10).isEmpty());
        assertTrue(gate.lastVerdict().contains("already decided"), gate::lastVerdict);

        // taken away for fewer frames than count as gone (a hand over it), then back
        offerAll(gate, SceneFrames.emptyDesk(), GateSettings.DEFAULTS.cardAbsentFrames() - 1);
        assertTrue(offerAll(gate, card, 10).isEmpty(), gate::lastVerdict);

        // gone long enough: presented again, it is emitted again
        offerAll(gate, SceneFrames.emptyDesk(), GateSettings.DEFAULTS.cardAbsentFrames());
        assertEquals(1, offerAll(gate, card, 10).size());
    }

    @Test
    void aCardAnotherGateEmittedIsNotEmittedAgainUntilItLeaves() {
        final SpecimenScene card = SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT);
        final QualityGate first = new QualityGate(GateMode.SHARP_STILL_CARD, NO_INTERVAL);
        assertTrue(first.lastEmitted().isEmpty());
        assertEquals(1, offerAll(first, card, 8).size());
        final EmittedFrame emitted = first.lastEmitted().orElseThrow();
        assertTrue(emitted.hadCard());

        // the next primary node's gate, told what the first one emitted, sees the card still lying there
        final QualityGate next = new QualityGate(GateMode.SHARP_STILL_CARD, NO_INTERVAL);
        next.remember(emitted);
        assertTrue(offerAll(next, card, 10).isEmpty(), next::lastVerdict);
        assertTrue(next.lastVerdict().contains("already decided"), next::lastVerdict);
        assertEquals(1, offerAll(new QualityGate(GateMode.SHARP_STILL_CARD, NO_INTERVAL), card, 10).size(),
                "a gate told nothing emits the card");

        // once the card has left, it is forgotten there too
        offerAll(next, SceneFrames.emptyDesk(), GateSettings.DEFAULTS.cardAbsentFrames());
        assertTrue(next.lastEmitted().isEmpty());
        assertEquals(1, offerAll(next, card, 10).size());
    }

    @Test
    void differentCardInPlaceIsEmitted() {
        final QualityGate gate = new QualityGate(GateMode.SHARP_STILL_CARD, NO_INTERVAL);
        assertEquals(1, offerAll(gate, SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT), 8).size());
        // turned over where it lay
        final List<GateDecision> back = offerAll(gate, SceneFrames.cardAtRest(SceneFrames.LI_MING_BACK), 8);
        assertEquals(1, back.size(), gate::lastVerdict);
        assertEquals("back", SpecimenMetadata.read(back.getFirst().frame().bytes()).orElseThrow().get("side"));
        // swapped for another person's card without leaving the view
        assertEquals(1, offerAll(gate, SceneFrames.cardAtRest(SceneFrames.LIU_YANG_FRONT), 8).size(), gate::lastVerdict);
    }

    @Test
    void minimumIntervalFollowsFrameTimestamps() {
        // SHARP: alternating sides (never duplicates), a frame every 0.3 s, at most one emission per second
        final QualityGate sharp = new QualityGate(GateMode.SHARP, GateSettings.DEFAULTS);
        final List<Double> emittedAt = new ArrayList<>();
        for (int i = 0; i <= 8; i++) {
            final double seconds = 0.3 * i;
            final SpecimenScene scene = SceneFrames.cardAtRest(i % 2 == 0 ? SceneFrames.LI_MING_FRONT : SceneFrames.LI_MING_BACK);
            if (sharp.offer(frames.frame(scene, seconds)).isPresent()) {
                emittedAt.add(seconds);
            } else {
                assertTrue(sharp.lastVerdict().startsWith("too soon"), sharp::lastVerdict);
            }
        }
        assertEquals(List.of(0.0, 0.3 * 4, 0.3 * 8), emittedAt);

        // SHARP_STILL_CARD: a card emitted, gone, back within the interval: it waits for the interval, then goes out
        final QualityGate stillCard = new QualityGate(GateMode.SHARP_STILL_CARD, GateSettings.DEFAULTS.withMinInterval(Duration.ofSeconds(2)));
        final SpecimenScene card = SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT);
        final List<Integer> first = emittedAt(stillCard, card, 8);
        assertEquals(1, first.size());
        offerAll(stillCard, SceneFrames.emptyDesk(), GateSettings.DEFAULTS.cardAbsentFrames());
        final List<Integer> second = emittedAt(stillCard, card, 30);
        // 2 s at 0.1 s per frame: exactly 20 frames later, though the card was still and sharp long before
        assertEquals(List.of(first.getFirst() + 20), second, stillCard::lastVerdict);
    }

    @Test
    void tooDarkAndGlaringFramesAreRejected() {
        final SpecimenScene card = SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT);
        final QualityGate dark = new QualityGate(GateMode.SHARP, GateSettings.DEFAULTS);
        assertTrue(dark.offer(next(card.withExposure(0.25))).isEmpty());
        assertTrue(dark.lastVerdict().startsWith("too dark"), dark::lastVerdict);

        final QualityGate glare = new QualityGate(GateMode.SHARP, GateSettings.DEFAULTS);
        assertTrue(glare.offer(next(card.withExposure(1.4))).isEmpty());
        assertTrue(glare.lastVerdict().startsWith("glare"), glare::lastVerdict);
    }

    @Test
    void gateOffPassesEveryFrameWithItsScoresForTuning() throws IOException {
        final QualityGate gate = new QualityGate(GateMode.OFF, GateSettings.DEFAULTS);
        final Frame blurred = next(SceneFrames.cardAtRest(SceneFrames.LI_MING_FRONT).withDefocus(6));

        final GateDecision decision = gate.offer(blurred).orElseThrow();

        assertSame(blurred, decision.frame());
        assertEquals(SceneFrames.WIDTH, decision.scores().width());
        assertEquals(SceneFrames.HEIGHT, decision.scores().height());
        // issue 13, finding 5: the docs tell users to tune from these with the gate Off
        final FrameScores gated = new FrameAnalyzer().analyze(ScaledJpegDecoder.decode(blurred.bytes(), 4));
        assertEquals(gated.sharpness(), decision.scores().sharpness(), "the score the gate would see");
        assertEquals(gated.brightness(), decision.scores().brightness());
        assertEquals(gated.cardPresent(), decision.scores().cardPresent());
        final Frame garbage = Frame.jpeg("not an image".getBytes(StandardCharsets.US_ASCII), blurred.timestamp());
        assertEquals(0, gate.offer(garbage).orElseThrow().scores().width());
    }

    @Test
    void unreadableFrameIsRejectedWithTheReason() {
        final QualityGate gate = new QualityGate(GateMode.SHARP_STILL_CARD, NO_INTERVAL);
        final Frame garbage = Frame.jpeg("<html>502</html>".getBytes(StandardCharsets.US_ASCII), SceneFrames.START);

        assertTrue(gate.offer(garbage).isEmpty());
        assertTrue(gate.lastVerdict().startsWith("unreadable"), gate::lastVerdict);
        assertFalse(gate.lastScores().isPresent());
    }

    @Test
    void tinyFramesAreScoredWithoutTrouble() {
        for (final int[] size : new int[][] {{1, 1}, {7, 5}, {17, 9}, {40, 24}}) {
            final BufferedImage image = TestJpegs.photo(size[0], size[1], 1, BufferedImage.TYPE_3BYTE_BGR);
            final Frame frame = Frame.jpeg(TestJpegs.jpeg(image, 0.9f), SceneFrames.START);
            for (final GateMode mode : GateMode.values()) {
                final QualityGate gate = new QualityGate(mode, GateSettings.DEFAULTS);
                gate.offer(frame);
                gate.offer(frame);
                assertEquals(size[0], gate.lastScores().orElseThrow().width(), mode + " " + gate.lastVerdict());
            }
        }
    }

    private Frame next(final SpecimenScene scene) {
        return frames.frame(scene, frameNumber++ * FRAME_SECONDS);
    }

    /** Offers {@code count} frames of the scene; the numbers of those after which a frame was emitted. */
    private List<Integer> emittedAt(final QualityGate gate, final SpecimenScene scene, final int count) {
        final List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final int number = frameNumber;
            if (gate.offer(next(scene)).isPresent()) {
                numbers.add(number);
            }
        }
        return numbers;
    }

    private List<GateDecision> offerAll(final QualityGate gate, final SpecimenScene scene, final int count) {
        final List<GateDecision> emitted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            gate.offer(next(scene)).ifPresent(emitted::add);
        }
        return emitted;
    }
}

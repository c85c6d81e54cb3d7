package dev.nifiidcard.camera.gate;

import dev.nifiidcard.camera.Frame;
import dev.nifiidcard.camera.specimen.SpecimenCard;
import dev.nifiidcard.camera.specimen.SpecimenRenderer;
import dev.nifiidcard.camera.specimen.SpecimenScene;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/** Rendered specimen scenes as camera frames with chosen timestamps. */
final class SceneFrames {

    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    /** Between the sizes the defaults were tuned on, and quick to render. */
    static final int WIDTH = 960;
    static final int HEIGHT = 540;
    static final SpecimenCard LI_MING_FRONT = SpecimenCard.CYCLE.get(0);
    static final SpecimenCard LI_MING_BACK = SpecimenCard.CYCLE.get(1);
    static final SpecimenCard LIU_YANG_FRONT = SpecimenCard.CYCLE.get(2);

    private final SpecimenRenderer renderer = new SpecimenRenderer();
    private long frameIndex;

    static SpecimenScene emptyDesk() {
        return SpecimenScene.emptyDesk(WIDTH, HEIGHT);
    }

    /** A card lying still, slightly turned, at 65% of the frame. */
    static SpecimenScene cardAtRest(final SpecimenCard card) {
        return emptyDesk().withCard(card, 0.65).rotated(3);
    }

    /** An image as the gate sees it: a quality 0.9 JPEG decoded to the 1/4-scale luma. */
    static ScaledLuma decode(final BufferedImage image) throws IOException {
        return ScaledJpegDecoder.decode(TestJpegs.jpeg(image, 0.9f), 4);
    }

    /** The scene as the next frame (fresh sensor noise), stamped {@code seconds} after {@link #START}. */
    Frame frame(final SpecimenScene scene, final double seconds) {
        final byte[] jpeg = renderer.jpeg(scene.frame(frameIndex++), 0.9f);
        return Frame.jpeg(jpeg, START.plus(Duration.ofMillis(Math.round(seconds * 1000))));
    }
}

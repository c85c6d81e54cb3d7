package dev.nifiidcard.camera.specimen;

import dev.nifiidcard.camera.Frame;
import dev.nifiidcard.camera.FrameGrabber;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A camera without hardware: films {@link SpecimenScript}'s loop of obviously fake specimen ID cards, rendering each
 * frame when asked. It keeps real time: {@link #next()} returns {@code null} until the next frame is due, and a
 * caller slower than the frame rate gets the current frame while the ones it missed count as dropped, as with a
 * real camera. Each frame with a card carries the card's fields in its JPEG ({@link SpecimenMetadata}) and in
 * {@link Frame#metadata()} as {@code specimen.side}, {@code specimen.name}, ... Not thread-safe.
 */
public final class SpecimenCamera implements FrameGrabber {

    private final SpecimenCameraSettings settings;
    private final SpecimenScript script;
    private final SpecimenRenderer renderer = new SpecimenRenderer();
    private final Clock clock;
    private Instant start;
    private long nextIndex;
    private long dropped;

    public SpecimenCamera(final SpecimenCameraSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With another clock, for example one a test advances frame by frame. */
    public SpecimenCamera(final SpecimenCameraSettings settings, final Clock clock) {
        this.settings = settings;
        this.script = new SpecimenScript(settings);
        this.clock = clock;
    }

    /** Starts the film: frame 0 is due now. */
    @Override
    public void start() {
        start = clock.instant();
        nextIndex = 0;
    }

    @Override
    public Frame next() {
        if (start == null) {
            start();
        }
        final long due = (long) Math.floor(Duration.between(start, clock.instant()).toNanos() / 1e9 * settings.framesPerSecond());
        if (due < nextIndex) {
            return null;
        }
        dropped += due - nextIndex;
        nextIndex = due + 1;
        return frame(due);
    }

    /** Frame {@code index} of the film, stamped {@code start + index / fps}. */
    Frame frame(final long index) {
        final SpecimenScene scene = script.sceneAt(index);
        final Instant timestamp = start.plusNanos(Math.round(index * 1e9 / settings.framesPerSecond()));
        final Map<String, String> metadata = scene.hasCard() ? SpecimenMetadata.attributes(scene.card().fields()) : Map.of();
        return new Frame(renderer.jpeg(scene, settings.jpegQuality()), Frame.JPEG, timestamp, metadata);
    }

    @Override
    public long takeDroppedCount() {
        final long count = dropped;
        dropped = 0;
        return count;
    }

    @Override
    public void close() {
        // nothing is held between frames
    }
}

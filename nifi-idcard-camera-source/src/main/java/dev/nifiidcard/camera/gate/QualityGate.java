package dev.nifiidcard.camera.gate;

import dev.nifiidcard.camera.Frame;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which camera frames are worth recognizing, so that an OCR call (which costs money) is made once per card
 * presented rather than once per frame. Offer every frame, in order, from one thread; time is taken from the frames'
 * timestamps only.
 */
public final class QualityGate {

    private final GateMode mode;
    private final GateSettings settings;
    private final FrameAnalyzer analyzer = new FrameAnalyzer();

    private Instant lastEmission;
    /** The last emitted frame's hash while it counts for duplicates. */
    private boolean rememberingEmitted;
    private long emittedHash;
    private boolean emittedHadCard;
    private int framesWithoutCard;

    /** The current still period: its length, its sharpest frame, and whether it has been decided on. */
    private int stillRun;
    private Frame sharpestFrame;
    private FrameScores sharpestScores;
    private boolean stillPeriodDecided;

    private FrameScores lastScores;
    private String lastVerdict = "no frame offered yet";

    public QualityGate(final GateMode mode, final GateSettings settings) {
        this.mode = mode;
        this.settings = settings;
    }

    /**
     * Considers the next frame.
     *
     * @return the frame to emit now, if any: in {@link GateMode#SHARP_STILL_CARD} the sharpest frame of the still
     * period, which may be an earlier frame than this one
     */
    public Optional<GateDecision> offer(final Frame frame) {
        if (mode == GateMode.OFF) {
            lastScores = scoresForTuning(frame);
            lastVerdict = "gate off";
            return Optional.of(new GateDecision(frame, lastScores, lastVerdict));
        }
        final ScaledLuma luma;
        try {
            luma = ScaledJpegDecoder.decode(frame.bytes(), 4);
        } catch (final IOException e) {
            lastScores = null;
            endStillPeriod();
            // corrupt, unsupported or over budget: never scored, and never given to a more lenient decoder
            return reject(e instanceof RefusedFrameException refused ? refused.verdict() : "unreadable: " + e.getMessage());
        }
        final FrameScores scores = analyzer.analyze(luma);
        lastScores = scores;
        forgetEmittedWhenGone(scores);
        return mode == GateMode.SHARP ? offerSharp(frame, scores) : offerStillCard(frame, scores);
    }

    /** The last emitted frame while it still counts for duplicates; empty before the first emission and once it is forgotten. */
    public Optional<EmittedFrame> lastEmitted() {
        return rememberingEmitted ? Optional.of(new EmittedFrame(emittedHash, lastEmission, emittedHadCard)) : Optional.empty();
    }

    /** Takes over another gate's {@link #lastEmitted()}, so that the frame it emitted is not emitted again here. */
    public void remember(final EmittedFrame emitted) {
        lastEmission = emitted.emittedAt();
        rememberingEmitted = true;
        emittedHash = emitted.dHash();
        emittedHadCard = emitted.hadCard();
    }

    /** The scores of the last frame offered; empty before the first or when it could not be decoded. */
    public Optional<FrameScores> lastScores() {
        return Optional.ofNullable(lastScores);
    }

    /** Why the last frame offered was emitted or not, for example {@code card too small (area 0.35 < 0.50)}. */
    public String lastVerdict() {
        return lastVerdict;
    }

    private Optional<GateDecision> offerSharp(final Frame frame, final FrameScores scores) {
        // exposure first: a dark frame also scores low sharpness, and "too dark" is the reason to tell
        final String exposureProblem = exposureProblem(scores);
        if (exposureProblem != null) {
            return reject(exposureProblem);
        }
        if (scores.sharpness() < settings.minSharpness()) {
            return reject(format("blurry (sharpness %.0f < %.0f)", scores.sharpness(), settings.minSharpness()));
        }
        final String timing = tooSoon(frame);
        if (timing != null) {
            return reject(timing);
        }
        if (isDuplicate(scores)) {
            return reject(format("duplicate of the last emitted frame (dHash distance %d)", FrameScores.hashDistance(scores.dHash(), emittedHash)));
        }
        return emit(frame, frame, scores, format("sharp (sharpness %.0f)", scores.sharpness()));
    }

    private Optional<GateDecision> offerStillCard(final Frame frame, final FrameScores scores) {
        final String problem = stillCardProblem(scores);
        if (problem != null) {
            endStillPeriod();
            return reject(problem);
        }
        stillRun++;
        if (sharpestScores == null || scores.sharpness() > sharpestScores.sharpness()) {
            sharpestFrame = frame;
            sharpestScores = scores;
        }
        if (stillPeriodDecided) {
            return reject("card still in place, already decided on");
        }
        if (stillRun < settings.stillFrames()) {
            return reject(format("settling (%d of %d still frames)", stillRun, settings.stillFrames()));
        }
        if (sharpestScores.sharpness() < settings.minSharpness()) {
            return reject(format("blurry (sharpest of %d still frames %.0f < %.0f)", stillRun, sharpestScores.sharpness(), settings.minSharpness()));
        }
        final String timing = tooSoon(frame);
        if (timing != null) {
            return reject(timing);
        }
        stillPeriodDecided = true;
        if (isDuplicate(sharpestScores)) {
            return reject(format("same card as the last emitted (dHash distance %d)", FrameScores.hashDistance(sharpestScores.dHash(), emittedHash)));
        }
        return emit(frame, sharpestFrame, sharpestScores, format("sharpest of %d still frames (sharpness %.0f)", stillRun, sharpestScores.sharpness()));
    }

    /** Why this frame cannot belong to a still period of a card, or null. */
    private String stillCardProblem(final FrameScores scores) {
        if (!scores.cardPresent()) {
            return "no card";
        }
        if (scores.cardAreaFraction() < settings.minCardArea()) {
            return format("card too small (area %.2f < %.2f)", scores.cardAreaFraction(), settings.minCardArea());
        }
        if (!(scores.stillness() < settings.maxStillness())) {
            return format("moving (stillness %.1f, still below %.1f)", scores.stillness(), settings.maxStillness());
        }
        return exposureProblem(scores);
    }

    private void endStillPeriod() {
        stillRun = 0;
        sharpestFrame = null;
        sharpestScores = null;
        stillPeriodDecided = false;
    }

    /** The last emitted card stops counting as a duplicate once it has left; in SHARP mode also once the scene has changed. */
    private void forgetEmittedWhenGone(final FrameScores scores) {
        framesWithoutCard = scores.cardPresent() ? 0 : framesWithoutCard + 1;
        if (emittedHadCard && framesWithoutCard >= settings.cardAbsentFrames()) {
            rememberingEmitted = false;
        }
        if (mode == GateMode.SHARP && FrameScores.hashDistance(scores.dHash(), emittedHash) >= settings.sceneChangeDistance()) {
            rememberingEmitted = false;
        }
    }

    private boolean isDuplicate(final FrameScores scores) {
        return rememberingEmitted && FrameScores.hashDistance(scores.dHash(), emittedHash) <= settings.duplicateDistance();
    }

    /** Why it is too early to emit at this frame's time, or null. A clock that went back does not hold emissions up. */
    private String tooSoon(final Frame now) {
        if (lastEmission == null) {
            return null;
        }
        final Duration since = Duration.between(lastEmission, now.timestamp());
        if (!since.isNegative() && since.compareTo(settings.minInterval()) < 0) {
            return format("too soon (%d ms since the last emission, minimum %d ms)", since.toMillis(), settings.minInterval().toMillis());
        }
        return null;
    }

    private String exposureProblem(final FrameScores scores) {
        if (scores.brightness() < settings.minBrightness()) {
            return format("too dark (brightness %.0f < %.0f)", scores.brightness(), settings.minBrightness());
        }
        if (scores.brightness() > settings.maxBrightness()) {
            return format("too bright (brightness %.0f > %.0f)", scores.brightness(), settings.maxBrightness());
        }
        if (scores.darkFraction() > settings.maxDarkFraction()) {
            return format("underexposed (%.2f clipped black > %.2f)", scores.darkFraction(), settings.maxDarkFraction());
        }
        if (scores.brightFraction() > settings.maxBrightFraction()) {
            return format("glare (%.2f clipped white > %.2f)", scores.brightFraction(), settings.maxBrightFraction());
        }
        return null;
    }

    /**
     * @param now     the frame being offered: emission time
     * @param emitted the frame to emit, possibly an earlier one
     */
    private Optional<GateDecision> emit(final Frame now, final Frame emitted, final FrameScores scores, final String verdict) {
        remember(new EmittedFrame(scores.dHash(), now.timestamp(), scores.cardPresent()));
        lastVerdict = verdict;
        return Optional.of(new GateDecision(emitted, scores, verdict));
    }

    private Optional<GateDecision> reject(final String verdict) {
        lastVerdict = verdict;
        return Optional.empty();
    }

    /**
     * Gate Off: every score, so that thresholds can be picked from the emitted frames' attributes. The decode is the
     * gate's own, bounded like any gated frame's; an unreadable frame still passes, with its size only.
     */
    private FrameScores scoresForTuning(final Frame frame) {
        try {
            return analyzer.analyze(ScaledJpegDecoder.decode(frame.bytes(), 4));
        } catch (final IOException unreadable) {
            return sizeOnly(frame);
        }
    }

    private static FrameScores sizeOnly(final Frame frame) {
        try {
            final FrameSize size = JpegSegments.size(frame.bytes());
            return FrameScores.sizeOnly(size.width(), size.height());
        } catch (final IOException notAJpeg) {
            return ImageIoLuma.size(frame.bytes()).map(size -> FrameScores.sizeOnly(size.width(), size.height()))
                    .orElse(FrameScores.sizeOnly(0, 0));
        }
    }

    private static String format(final String pattern, final Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}

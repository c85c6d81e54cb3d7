package dev.nifiidcard.camera;

import dev.nifiidcard.camera.gate.GateDecision;
import dev.nifiidcard.camera.gate.QualityGate;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.apache.nifi.annotation.behavior.InputRequirement.Requirement;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.Restricted;
import org.apache.nifi.annotation.behavior.Restriction;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSchedule;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.annotation.notification.OnPrimaryNodeStateChange;
import org.apache.nifi.annotation.notification.PrimaryNodeState;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.RequiredPermission;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.scheduling.SchedulingStrategy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@InputRequirement(Requirement.INPUT_FORBIDDEN)
@TriggerSerially
@DefaultSchedule(strategy = SchedulingStrategy.TIMER_DRIVEN, period = "50 millis")
// a trigger without a frame yields: NiFi's default of 1 s would hold each rejected frame's successor back 1 s
@DefaultSettings(yieldDuration = "50 millis")
@Tags({"camera", "id card", "image", "snapshot", "mjpeg", "rtsp", "ffmpeg", "v4l2", "usb", "ip camera", "enrollment"})
@CapabilityDescription("Watches a camera and emits image FlowFiles worth sending to ID card OCR. Frames come from an IP "
        + "camera's snapshot URL, an MJPEG stream, ffmpeg (RTSP, V4L2 devices such as USB cameras, video files) or a "
        + "synthetic specimen camera. A quality gate keeps only sharp, well exposed frames and, in Sharp Still Card mode, "
        + "only the sharpest frame of each still period of a card filling enough of the frame, once per card: OCR is "
        + "billed per call. A network camera (HTTP Snapshot, MJPEG Stream, RTSP) is read on the primary node only, and the "
        + "last emitted card is kept in cluster state so that a new primary node does not emit it again; a USB camera, a "
        + "file or the specimen is read on every node. A trigger without a frame to emit yields.")
@Stateful(scopes = Scope.CLUSTER, description = "Network cameras only: the difference hash, time and card flag of the last "
        + "emitted frame while the quality gate counts it as a duplicate, so that the node that becomes primary does not "
        + "emit the card still lying on the desk again. Removed once the card has left the view; clearing it forgets the card.")
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Frames of up to Max Frame Size are held in "
        + "memory: up to 3 waiting for the gate, the one being read from the camera, the one being analysed and, in Sharp "
        + "Still Card mode, the sharpest of the still period: about 6 × Max Frame Size per running processor (60 MB with "
        + "the default 10 MB, 384 MB with the largest allowed).")
@Restricted(restrictions = {
        @Restriction(requiredPermission = RequiredPermission.EXECUTE_CODE,
                explanation = "The FFmpeg capture mode runs the ffmpeg executable named in the FFmpeg Path property."),
        @Restriction(requiredPermission = RequiredPermission.READ_FILESYSTEM,
                explanation = "The FFmpeg capture mode reads video files and devices from the local file system.")
})
@WritesAttributes({
        @WritesAttribute(attribute = "mime.type", description = "image/jpeg (or what the camera sent)"),
        @WritesAttribute(attribute = "filename", description = "camera-<mode>-<timestamp>-<sequence>.jpg"),
        @WritesAttribute(attribute = CameraAttributes.MODE, description = "http-snapshot, mjpeg-stream, ffmpeg or specimen"),
        @WritesAttribute(attribute = CameraAttributes.SOURCE, description = "The source with credentials masked"),
        @WritesAttribute(attribute = CameraAttributes.SEQUENCE, description = "Sequence number of the emitted frame since the processor started"),
        @WritesAttribute(attribute = CameraAttributes.TIMESTAMP, description = "When the frame was captured, ISO-8601"),
        @WritesAttribute(attribute = CameraAttributes.WIDTH, description = "Image width in pixels"),
        @WritesAttribute(attribute = CameraAttributes.HEIGHT, description = "Image height in pixels"),
        @WritesAttribute(attribute = CameraAttributes.GATE_VERDICT, description = "Why the gate let the frame through"),
        @WritesAttribute(attribute = CameraAttributes.GATE_SHARPNESS, description = "Variance of the Laplacian (card region when found)"),
        @WritesAttribute(attribute = CameraAttributes.GATE_BRIGHTNESS, description = "Mean brightness 0-255"),
        @WritesAttribute(attribute = CameraAttributes.GATE_DARK_FRACTION, description = "Fraction of clipped black pixels"),
        @WritesAttribute(attribute = CameraAttributes.GATE_BRIGHT_FRACTION, description = "Fraction of clipped white pixels"),
        @WritesAttribute(attribute = CameraAttributes.GATE_MOTION, description = "Mean thumbnail difference to the previous frame; lower is stiller"),
        @WritesAttribute(attribute = CameraAttributes.GATE_CARD_PRESENT, description = "Whether an ID-1 card shape was found"),
        @WritesAttribute(attribute = CameraAttributes.GATE_CARD_AREA, description = "Card area as a fraction of the frame"),
        @WritesAttribute(attribute = CameraAttributes.GATE_CARD_ASPECT, description = "Card long side over short side"),
        @WritesAttribute(attribute = "specimen.*", description = "Specimen mode: the fake card's fields (side, name, number, ...)")
})
@UseCase(
        description = "Capture ID cards presented to a desk camera and emit one sharp image per card.",
        keywords = {"camera", "id card", "check-in", "desk"},
        configuration = """
                Set "Capture Mode" to MJPEG Stream or HTTP Snapshot for an IP camera, or FFmpeg for RTSP and USB cameras.
                Set "Source" to the camera URL or device and the camera's "Username" and "Password".
                Keep "Quality Gate" at Sharp Still Card: one image per card held still, the sharpest of its still period.
                For an IP camera, set Execution to Primary node: other nodes do not read a network camera, and say so once.
                Connect success to SignAndRecognizeIdCard.
                """)
// by class name: the processors jar is not a dependency of the camera's
@SeeAlso(classNames = {"dev.nifiidcard.processors.SignAndRecognizeIdCard"})
public class GetCameraImage extends AbstractProcessor {

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Frames that passed the quality gate, as image content.")
            .build();

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS);

    static final String FRAMES_DROPPED = SkippedFrames.FRAMES_DROPPED;
    static final String FRAMES_OVERSIZED = SkippedFrames.FRAMES_OVERSIZED;
    static final String FRAMES_REJECTED = "Frames Rejected by Gate";
    static final String CAPTURE_FAILURES = CaptureFailures.CAPTURE_FAILURES;

    /** Paces analysis and the specimen camera; tests replace it so that nothing depends on how fast they run. */
    Clock clock = Clock.systemUTC();

    private volatile OkHttpClient httpClient;
    private volatile FrameGrabber grabber;
    private volatile QualityGate gate;
    private volatile CaptureMode mode;
    private volatile String maskedSource;
    private volatile PrimaryNodeRule primaryNodeRule;
    private volatile EmittedCardState emittedCardState;
    private volatile CaptureFailures captureFailures;
    private volatile SkippedFrames skippedFrames;
    private volatile Duration minFrameInterval;
    private volatile Instant lastAnalysed;
    private volatile long sequence;

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return CameraProperties.PROPERTIES;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) throws IOException {
        mode = context.getProperty(CameraProperties.CAPTURE_MODE).asAllowableValue(CaptureMode.class);
        final String source = mode == CaptureMode.SPECIMEN ? null : context.getProperty(CameraProperties.SOURCE).getValue();
        maskedSource = source == null ? "specimen" : SourceMasker.mask(source);
        primaryNodeRule = new PrimaryNodeRule(mode, source);
        emittedCardState = new EmittedCardState(primaryNodeRule.networkCamera());
        minFrameInterval = Duration.ofNanos(Math.round(TimeUnit.SECONDS.toNanos(1) / context.getProperty(CameraProperties.FRAMES_PER_SECOND).asDouble()));
        sequence = 0;
        captureFailures = new CaptureFailures(getLogger(), maskedSource, clock);
        skippedFrames = new SkippedFrames(getLogger(), maskedSource, context.getProperty(CameraProperties.MAX_FRAME_SIZE).getValue());
        httpClient = GrabberFactory.httpClient(mode, context);
        // NiFi schedules a primary-node-only processor on every node: the others must not connect to the camera
        if (primaryNodeRule.allows(getNodeTypeProvider())) {
            openCamera(context);
        }
    }

    /** Starts reading the camera, with a fresh gate that remembers what the last primary node emitted. */
    private synchronized void openCamera(final ProcessContext context) throws IOException {
        final QualityGate opened = new QualityGate(CameraProperties.gateMode(context), CameraProperties.gateSettings(context));
        try {
            emittedCardState.restore(context.getStateManager(), opened);
        } catch (final IOException e) {
            getLogger().warn("Could not read the last emitted card from cluster state; a card on the desk may be emitted again", e);
        }
        gate = opened;
        lastAnalysed = clock.instant().minus(minFrameInterval);
        final FrameGrabber created = GrabberFactory.create(mode, context, httpClient, clock);
        grabber = created;
        // a failed start leaves the grabber in place for onStopped, which NiFi calls after a failed onScheduled
        created.start();
    }

    private synchronized void closeCamera() {
        final FrameGrabber stopping = grabber;
        grabber = null;
        if (stopping != null) {
            stopping.close();
        }
    }

    @OnPrimaryNodeStateChange
    public void onPrimaryNodeStateChange(final PrimaryNodeState state) {
        final PrimaryNodeRule rule = primaryNodeRule;
        // a primary-node-only processor is no longer triggered here, so its reader must be stopped now
        if (state == PrimaryNodeState.PRIMARY_NODE_REVOKED && rule != null && rule.networkCamera()) {
            closeCamera();
        }
    }

    @OnStopped
    public void onStopped() {
        closeCamera();
        final OkHttpClient closing = httpClient;
        httpClient = null;
        CameraHttpClient.close(closing);
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final CaptureMode captureMode = context.getProperty(CameraProperties.CAPTURE_MODE).asAllowableValue(CaptureMode.class);
        final String source = context.getProperty(CameraProperties.SOURCE).getValue();
        if (captureMode == null || captureMode == CaptureMode.SPECIMEN || source == null) {
            return List.of();
        }
        final List<ValidationResult> results = new ArrayList<>();
        if (captureMode != CaptureMode.FFMPEG) {
            CameraHttpClient.validate(context, results);
        }
        String problem = null;
        if (captureMode == CaptureMode.FFMPEG) {
            try {
                GrabberFactory.ffmpegCommand(context, source.trim(), context.getProperty(CameraProperties.FRAMES_PER_SECOND).asDouble());
            } catch (final IllegalArgumentException e) {
                problem = e.getMessage();
            }
        } else if (HttpUrl.parse(source.trim()) == null) {
            problem = captureMode.getDisplayName() + " needs an http or https URL";
        }
        if (problem != null) {
            results.add(new ValidationResult.Builder()
                    .subject(CameraProperties.SOURCE.getName())
                    .input(SourceMasker.mask(source))
                    .valid(false)
                    .explanation(problem)
                    .build());
        }
        return results;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        if (!emitNextFrame(context, session)) {
            // nothing to do until the next frame: the framework waits the Yield Duration instead of triggering at once
            context.yield();
        }
    }

    /** The camera when this node reads it, opened if need be; null when it does not read it now. */
    private FrameGrabber camera(final ProcessContext context, final ProcessSession session) {
        if (!primaryNodeRule.allows(getNodeTypeProvider())) {
            primaryNodeRule.warnOnce(getLogger(), maskedSource);
            closeCamera();
            return null;
        }
        if (grabber == null) {
            try {
                openCamera(context);
            } catch (final IOException e) {
                captureFailures.failed(session, e);
                closeCamera();
            }
        }
        return grabber;
    }

    /** Analyses the next frame when one is due and ready; returns whether a FlowFile was emitted. */
    private boolean emitNextFrame(final ProcessContext context, final ProcessSession session) {
        final FrameGrabber current = camera(context, session);
        if (current == null) {
            return false;
        }
        final Instant now = clock.instant();
        skippedFrames.report(session, current, now);
        if (context.getAvailableRelationships().isEmpty()) {
            // downstream is full: leave frames to the grabber's bounded queue, which drops the older ones and counts them
            return false;
        }
        if (now.isBefore(lastAnalysed.plus(minFrameInterval))) {
            return false;
        }

        final Frame frame;
        try {
            frame = current.next();
        } catch (final IOException e) {
            // a failing camera is asked again at Frames Per Second, not at every trigger
            lastAnalysed = now;
            captureFailures.failed(session, e);
            return false;
        }
        if (frame == null) {
            return false;
        }
        lastAnalysed = now;
        captureFailures.recovered();

        final Optional<GateDecision> decision = gate.offer(frame);
        saveEmittedCard(session);
        if (decision.isEmpty()) {
            session.adjustCounter(FRAMES_REJECTED, 1, false);
            return false;
        }
        emit(session, decision.get());
        return true;
    }

    private void saveEmittedCard(final ProcessSession session) {
        try {
            emittedCardState.save(session, gate);
        } catch (final IOException e) {
            getLogger().warn("Could not save the last emitted card in cluster state; the next primary node may emit it again", e);
        }
    }

    private void emit(final ProcessSession session, final GateDecision decision) {
        final Frame frame = decision.frame();
        final long number = ++sequence;
        FlowFile flowFile = session.create();
        flowFile = session.write(flowFile, out -> out.write(frame.bytes()));
        flowFile = session.putAllAttributes(flowFile, FrameAttributes.of(decision, mode, maskedSource, number));
        if (mode == CaptureMode.SPECIMEN) {
            session.getProvenanceReporter().create(flowFile, "Specimen camera frame");
        } else {
            session.getProvenanceReporter().receive(flowFile, transitUri());
        }
        session.transfer(flowFile, REL_SUCCESS);
    }

    private String transitUri() {
        return switch (mode) {
            case FFMPEG -> maskedSource.contains("://") ? maskedSource : "file://" + maskedSource;
            default -> maskedSource;
        };
    }

}

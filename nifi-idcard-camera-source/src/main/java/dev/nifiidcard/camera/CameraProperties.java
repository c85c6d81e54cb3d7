package dev.nifiidcard.camera;

import dev.nifiidcard.camera.gate.GateMode;
import dev.nifiidcard.camera.gate.GateSettings;
import dev.nifiidcard.commons.Validators;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.Validator;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.ssl.SSLContextProvider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** GetCameraImage's properties, grouped by what they configure, and the gate settings they make. */
final class CameraProperties {

    private static final Pattern FRAME_SIZE = Pattern.compile("[1-9][0-9]{1,4}x[1-9][0-9]{1,4}");

    static final AllowableValue GATE_OFF = new AllowableValue("Off", "Off", "Every frame is emitted (at Frames Per Second).");
    static final AllowableValue GATE_SHARP = new AllowableValue("Sharp", "Sharp",
            "Sharp, well exposed frames are emitted, at most one per Minimum Emission Interval, without duplicates.");
    static final AllowableValue GATE_SHARP_STILL_CARD = new AllowableValue("Sharp Still Card", "Sharp Still Card",
            "A card covering at least Minimum Card Area must lie still for Still Frames frames; the sharpest frame of that "
                    + "still period is emitted once. The same card is emitted again only after it has left the view.");

    static final PropertyDescriptor CAPTURE_MODE = new PropertyDescriptor.Builder()
            .name("Capture Mode")
            .description("Where frames come from.")
            .required(true)
            .allowableValues(CaptureMode.class)
            .build();

    static final PropertyDescriptor SOURCE = new PropertyDescriptor.Builder()
            .name("Source")
            .description("HTTP Snapshot and MJPEG Stream: the camera URL. FFmpeg: an RTSP URL, a V4L2 device such as "
                    + "/dev/video0, or a video file. Credentials in it are masked wherever the source is shown.")
            .required(true)
            .dependsOn(CAPTURE_MODE, CaptureMode.HTTP_SNAPSHOT, CaptureMode.MJPEG_STREAM, CaptureMode.FFMPEG)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor USERNAME = new PropertyDescriptor.Builder()
            .name("Username")
            .description("Camera user for Basic or Digest authentication (HTTP modes) or for an RTSP URL (FFmpeg).")
            .required(false)
            .dependsOn(CAPTURE_MODE, CaptureMode.HTTP_SNAPSHOT, CaptureMode.MJPEG_STREAM, CaptureMode.FFMPEG)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor PASSWORD = new PropertyDescriptor.Builder()
            .name("Password")
            .description("The camera user's password.")
            .required(false)
            .sensitive(true)
            .dependsOn(CAPTURE_MODE, CaptureMode.HTTP_SNAPSHOT, CaptureMode.MJPEG_STREAM, CaptureMode.FFMPEG)
            .addValidator(Validator.VALID)
            .build();

    static final PropertyDescriptor CONNECT_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Connect Timeout")
            .description("Maximum time to connect to the camera.")
            .required(true)
            .defaultValue("5 secs")
            .dependsOn(CAPTURE_MODE, CaptureMode.HTTP_SNAPSHOT, CaptureMode.MJPEG_STREAM)
            .addValidator(StandardValidators.createTimePeriodValidator(1, TimeUnit.MILLISECONDS, 5, TimeUnit.MINUTES))
            .build();

    static final PropertyDescriptor READ_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Read Timeout")
            .description("Maximum silence from the camera while reading a snapshot or a stream; a silent stream is reconnected.")
            .required(true)
            .defaultValue("10 secs")
            .dependsOn(CAPTURE_MODE, CaptureMode.HTTP_SNAPSHOT, CaptureMode.MJPEG_STREAM)
            .addValidator(StandardValidators.createTimePeriodValidator(1, TimeUnit.MILLISECONDS, 10, TimeUnit.MINUTES))
            .build();

    static final PropertyDescriptor SSL_CONTEXT_SERVICE = new PropertyDescriptor.Builder()
            .name("SSL Context Service")
            .description("TLS settings for an HTTPS camera, typically one with a self-signed certificate or a private "
                    + "certificate authority: trust its certificate here. Without it the JVM's default trust store is used.")
            .required(false)
            .identifiesControllerService(SSLContextProvider.class)
            .dependsOn(CAPTURE_MODE, CaptureMode.HTTP_SNAPSHOT, CaptureMode.MJPEG_STREAM)
            .build();

    static final PropertyDescriptor PROXY_CONFIGURATION_SERVICE = new PropertyDescriptor.Builder()
            .fromPropertyDescriptor(ProxyConfiguration.createProxyConfigPropertyDescriptor(CameraHttpClient.PROXY_SPECS))
            .dependsOn(CAPTURE_MODE, CaptureMode.HTTP_SNAPSHOT, CaptureMode.MJPEG_STREAM)
            .build();

    static final PropertyDescriptor FRAMES_PER_SECOND = new PropertyDescriptor.Builder()
            .name("Frames Per Second")
            .description("How many frames per second are taken from the camera and analysed by the gate. Faster cameras' "
                    + "extra frames are dropped (and counted). The gate needs several frames per second to see a card lie still.")
            .required(true)
            .defaultValue("5")
            .addValidator(Validators.numberInRange(0.1, 60))
            .build();

    static final PropertyDescriptor MAX_FRAME_SIZE = new PropertyDescriptor.Builder()
            .name("Max Frame Size")
            .description("Larger frames are skipped without being held in memory.")
            .required(true)
            .defaultValue("10 MB")
            .addValidator(StandardValidators.createDataSizeBoundsValidator(1024, 64L * 1024 * 1024))
            .build();

    static final PropertyDescriptor FFMPEG_PATH = new PropertyDescriptor.Builder()
            .name("FFmpeg Path")
            .description("The ffmpeg executable: a path, or a name looked up on the PATH of the NiFi process.")
            .required(true)
            .defaultValue("ffmpeg")
            .dependsOn(CAPTURE_MODE, CaptureMode.FFMPEG)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor INPUT_FORMAT = new PropertyDescriptor.Builder()
            .name("Input Format")
            .description("V4L2 devices only: the pixel format to ask the camera for, for example mjpeg (its JPEG frames are "
                    + "then passed through untouched) or yuyv422.")
            .required(false)
            .dependsOn(CAPTURE_MODE, CaptureMode.FFMPEG)
            .addValidator(StandardValidators.createRegexMatchingValidator(Pattern.compile("[a-z0-9_]{1,32}")))
            .build();

    static final PropertyDescriptor VIDEO_SIZE = new PropertyDescriptor.Builder()
            .name("Video Size")
            .description("V4L2 devices only: the capture size, for example 1920x1080.")
            .required(false)
            .dependsOn(CAPTURE_MODE, CaptureMode.FFMPEG)
            .addValidator(StandardValidators.createRegexMatchingValidator(FRAME_SIZE))
            .build();

    static final PropertyDescriptor CAPTURE_FRAME_RATE = new PropertyDescriptor.Builder()
            .name("Capture Frame Rate")
            .description("V4L2 devices only: the frame rate to ask the camera for.")
            .required(false)
            .dependsOn(CAPTURE_MODE, CaptureMode.FFMPEG)
            .addValidator(StandardValidators.createLongValidator(1, 240, true))
            .build();

    static final PropertyDescriptor LOOP_FILE = new PropertyDescriptor.Builder()
            .name("Loop File")
            .description("Video files only: start over at the end. When false the file is played once; its end is logged "
                    + "once as a warning and nothing more is read until the processor is started again.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .dependsOn(CAPTURE_MODE, CaptureMode.FFMPEG)
            .build();

    static final PropertyDescriptor SPECIMEN_FRAME_SIZE = new PropertyDescriptor.Builder()
            .name("Specimen Frame Size")
            .description("Size of the specimen camera's frames, for example 1280x720 or 1920x1080.")
            .required(true)
            .defaultValue("1280x720")
            .dependsOn(CAPTURE_MODE, CaptureMode.SPECIMEN)
            .addValidator(StandardValidators.createRegexMatchingValidator(FRAME_SIZE))
            .build();

    static final PropertyDescriptor QUALITY_GATE = new PropertyDescriptor.Builder()
            .name("Quality Gate")
            .description("Which frames are worth emitting. Each score is written as a camera.gate.* attribute to help tune the thresholds.")
            .required(true)
            .allowableValues(GATE_OFF, GATE_SHARP, GATE_SHARP_STILL_CARD)
            .defaultValue(GATE_SHARP_STILL_CARD)
            .build();

    private static final GateSettings DEFAULTS = GateSettings.DEFAULTS;

    static final PropertyDescriptor MIN_SHARPNESS = gate("Minimum Sharpness",
            "Minimum variance of the Laplacian (camera.gate.sharpness), measured inside the card when one is found. "
                    + "Sharp rendered cards score thousands, a 3-pixel focus blur about 500; soft real lenses score lower.",
            DEFAULTS.minSharpness(), 0, 1_000_000);
    static final PropertyDescriptor MIN_BRIGHTNESS = gate("Minimum Brightness", "Minimum mean brightness, 0-255.",
            DEFAULTS.minBrightness(), 0, 255);
    static final PropertyDescriptor MAX_BRIGHTNESS = gate("Maximum Brightness", "Maximum mean brightness, 0-255.",
            DEFAULTS.maxBrightness(), 0, 255);
    static final PropertyDescriptor MAX_DARK_FRACTION = gate("Maximum Dark Fraction",
            "Maximum fraction of clipped black pixels.", DEFAULTS.maxDarkFraction(), 0, 1);
    static final PropertyDescriptor MAX_BRIGHT_FRACTION = gate("Maximum Bright Fraction",
            "Maximum fraction of clipped white pixels, such as glare on the card.", DEFAULTS.maxBrightFraction(), 0, 1);
    static final PropertyDescriptor DUPLICATE_DISTANCE = new PropertyDescriptor.Builder()
            .name("Duplicate Distance")
            .description("A frame whose 64-bit difference hash differs from the last emitted frame's in at most this many "
                    + "bits is a duplicate and is not emitted.")
            .required(true)
            .defaultValue(Integer.toString(DEFAULTS.duplicateDistance()))
            .dependsOn(QUALITY_GATE, GATE_SHARP, GATE_SHARP_STILL_CARD)
            .addValidator(StandardValidators.createLongValidator(0, 19, true))
            .build();
    static final PropertyDescriptor MIN_EMISSION_INTERVAL = new PropertyDescriptor.Builder()
            .name("Minimum Emission Interval")
            .description("Minimum time between two emitted frames.")
            .required(true)
            .defaultValue(DEFAULTS.minInterval().toMillis() + " millis")
            .dependsOn(QUALITY_GATE, GATE_SHARP, GATE_SHARP_STILL_CARD)
            .addValidator(StandardValidators.createTimePeriodValidator(0, TimeUnit.MILLISECONDS, 1, TimeUnit.HOURS))
            .build();
    static final PropertyDescriptor MIN_CARD_AREA = new PropertyDescriptor.Builder()
            .name("Minimum Card Area")
            .description("Minimum area of the card as a fraction of the frame (camera.gate.card.area). Tencent recommends "
                    + "the card fill about 2/3 of the image.")
            .required(true)
            .defaultValue(Double.toString(DEFAULTS.minCardArea()))
            .dependsOn(QUALITY_GATE, GATE_SHARP_STILL_CARD)
            .addValidator(StandardValidators.createNonNegativeFloatingPointValidator(1))
            .build();
    static final PropertyDescriptor STILL_FRAMES = new PropertyDescriptor.Builder()
            .name("Still Frames")
            .description("How many consecutive still frames with the card make a still period; its sharpest frame is emitted.")
            .required(true)
            .defaultValue(Integer.toString(DEFAULTS.stillFrames()))
            .dependsOn(QUALITY_GATE, GATE_SHARP_STILL_CARD)
            .addValidator(StandardValidators.createLongValidator(1, 100, true))
            .build();
    static final PropertyDescriptor MAX_MOTION = new PropertyDescriptor.Builder()
            .name("Maximum Motion")
            .description("A frame is still when its thumbnail differs from the previous frame's by less than this mean "
                    + "brightness difference (camera.gate.motion). Sensor noise scores about 0.1, a card moving by 1% of "
                    + "the frame width about 5.")
            .required(true)
            .defaultValue(Double.toString(DEFAULTS.maxStillness()))
            .dependsOn(QUALITY_GATE, GATE_SHARP_STILL_CARD)
            .addValidator(Validators.numberInRange(0.01, 255))
            .build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(
            CAPTURE_MODE,
            SOURCE,
            USERNAME,
            PASSWORD,
            CONNECT_TIMEOUT,
            READ_TIMEOUT,
            SSL_CONTEXT_SERVICE,
            PROXY_CONFIGURATION_SERVICE,
            FFMPEG_PATH,
            INPUT_FORMAT,
            VIDEO_SIZE,
            CAPTURE_FRAME_RATE,
            LOOP_FILE,
            SPECIMEN_FRAME_SIZE,
            FRAMES_PER_SECOND,
            MAX_FRAME_SIZE,
            QUALITY_GATE,
            MIN_SHARPNESS,
            MIN_BRIGHTNESS,
            MAX_BRIGHTNESS,
            MAX_DARK_FRACTION,
            MAX_BRIGHT_FRACTION,
            DUPLICATE_DISTANCE,
            MIN_EMISSION_INTERVAL,
            MIN_CARD_AREA,
            STILL_FRAMES,
            MAX_MOTION
    );

    private CameraProperties() {
    }

    static GateMode gateMode(final PropertyContext context) {
        final String value = context.getProperty(QUALITY_GATE).getValue();
        if (GATE_OFF.getValue().equals(value)) {
            return GateMode.OFF;
        }
        return GATE_SHARP.getValue().equals(value) ? GateMode.SHARP : GateMode.SHARP_STILL_CARD;
    }

    /** The gate settings; thresholds that do not apply to the chosen mode keep their defaults. */
    static GateSettings gateSettings(final PropertyContext context) {
        final GateMode mode = gateMode(context);
        if (mode == GateMode.OFF) {
            return DEFAULTS;
        }
        final boolean card = mode == GateMode.SHARP_STILL_CARD;
        return new GateSettings(
                context.getProperty(MIN_SHARPNESS).asDouble(),
                context.getProperty(MIN_BRIGHTNESS).asDouble(),
                context.getProperty(MAX_BRIGHTNESS).asDouble(),
                context.getProperty(MAX_DARK_FRACTION).asDouble(),
                context.getProperty(MAX_BRIGHT_FRACTION).asDouble(),
                Duration.ofMillis(context.getProperty(MIN_EMISSION_INTERVAL).asTimePeriod(TimeUnit.MILLISECONDS)),
                context.getProperty(DUPLICATE_DISTANCE).asInteger(),
                card ? context.getProperty(MIN_CARD_AREA).asDouble() : DEFAULTS.minCardArea(),
                card ? context.getProperty(STILL_FRAMES).asInteger() : DEFAULTS.stillFrames(),
                card ? context.getProperty(MAX_MOTION).asDouble() : DEFAULTS.maxStillness(),
                DEFAULTS.cardAbsentFrames(),
                DEFAULTS.sceneChangeDistance());
    }

    /** Parses a size such as {@code 1280x720}. */
    static int[] frameSize(final String value) {
        final String[] parts = value.trim().split("x");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    private static PropertyDescriptor gate(final String name, final String description, final double defaultValue,
                                           final double min, final double max) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description(description)
                .required(true)
                .defaultValue(format(defaultValue))
                .dependsOn(QUALITY_GATE, GATE_SHARP, GATE_SHARP_STILL_CARD)
                .addValidator(Validators.numberInRange(min, max))
                .build();
    }

    private static String format(final double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}

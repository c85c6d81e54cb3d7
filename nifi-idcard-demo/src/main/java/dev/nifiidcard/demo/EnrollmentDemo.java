package dev.nifiidcard.demo;

import dev.nifiidcard.camera.GetCameraImage;
import dev.nifiidcard.camera.SourceMasker;
import dev.nifiidcard.demo.simulator.TencentOcrSimulator;
import dev.nifiidcard.offline.PaddleOcrIdCardOcrService;
import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The enrollment pipeline on embedded defaults: GetCameraImage (specimen camera unless told otherwise) feeds
 * SignAndRecognizeIdCard, whose PaddleOcrIdCardOcrService reads the card offline (or, with --ocr tencent, whose
 * TencentCloudIdCardOcrService calls the local simulator, or real Tencent Cloud when credentials are in the
 * environment), until enough cards are recognized or the timeout passes. Both processors run in-process in nifi-mock
 * runners, one trigger per frame interval; no NiFi installation is needed.
 */
public final class EnrollmentDemo {

    public static final int EXIT_OK = 0;
    public static final int EXIT_TIMEOUT = 1;
    public static final int EXIT_USAGE = 2;
    /** The provider refused the credentials or the account: the card waits in the queue, as it would in NiFi. */
    public static final int EXIT_REFUSED = 3;
    static final String TENCENT_ENDPOINT = "https://ocr.tencentcloudapi.com";
    static final double FRAMES_PER_SECOND = 10;

    private static final List<Relationship> ROUTES = List.of(SignAndRecognizeIdCard.REL_SUCCESS, SignAndRecognizeIdCard.REL_WARNING,
            SignAndRecognizeIdCard.REL_FAILURE, SignAndRecognizeIdCard.REL_RETRY);
    /** The processor's default Yield Duration, and how many yields in a row the demo waits out before it gives up. */
    private static final Duration YIELD = Duration.ofMillis(50);
    private static final int MAX_YIELDS = 200;
    /** As the shipped flow's relationship retry on 'retry'. */
    private static final int RETRIES = 5;

    private final DemoOptions options;
    private final GetCameraImage camera;
    private final Pacing pacing;
    private final PrintStream out;
    /** Generated per run: the simulator is loopback-only and lives as long as the demo. */
    private final String simulatorSecretId = "AKIDdemo" + HexFormat.of().formatHex(randomBytes(12));
    private final String simulatorSecretKey = HexFormat.of().formatHex(randomBytes(16));

    /**
     * @param camera the processor to run, so that a test can give it a clock it controls
     */
    public EnrollmentDemo(final DemoOptions options, final GetCameraImage camera, final Pacing pacing, final PrintStream out) {
        this.options = options;
        this.camera = camera;
        this.pacing = pacing;
        this.out = out;
    }

    public static void main(final String[] args) throws Exception {
        final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        final DemoOptions options;
        try {
            options = DemoOptions.parse(args, System.getenv());
        } catch (final IllegalArgumentException e) {
            out.println("EnrollmentDemo: " + e.getMessage());
            out.print(DemoOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        if (options.help()) {
            out.print(DemoOptions.USAGE);
            return;
        }
        System.exit(new EnrollmentDemo(options, new GetCameraImage(), Pacing.realTime(), out).run());
    }

    /** Runs the pipeline; returns the process exit code. */
    public int run() throws IOException, InterruptedException {
        try (TencentOcrSimulator simulator = options.usesSimulator() ? TencentOcrSimulator.start(0, simulatorSecretId, simulatorSecretKey) : null) {
            final String endpoint = options.usesOffline() ? "local://paddleocr" : simulator == null ? TENCENT_ENDPOINT : simulator.endpoint();
            out.print(header(endpoint));
            final TestRunner cameraRunner = cameraRunner();
            final TestRunner recognizer = recognizerRunner(endpoint, simulator);
            try {
                return loop(cameraRunner, recognizer);
            } finally {
                cameraRunner.stop();
                recognizer.stop();
            }
        }
    }

    String header(final String endpoint) {
        final StringBuilder header = new StringBuilder("=== nifi-idcard enrollment demo: GetCameraImage -> SignAndRecognizeIdCard ===\n");
        if (options.usesOffline()) {
            header.append("OCR     : OFFLINE PaddleOCR PP-OCRv4 on ONNX Runtime in this JVM - real OCR of the camera's frames,\n")
                    .append("          no network, nothing billed (--ocr tencent for the Tencent path)\n");
        } else if (options.usesSimulator()) {
            header.append("OCR     : LOCAL SIMULATOR at ").append(endpoint).append(" - answers from specimen metadata embedded in the\n")
                    .append("          JPEG, not real OCR; signatures are checked (set TENCENTCLOUD_SECRET_ID/KEY for real Tencent Cloud)\n");
        } else {
            header.append("OCR     : Tencent Cloud IDCardOCR at ").append(endpoint)
                    .append(options.region() == null ? "" : " (region " + options.region() + ")")
                    .append(", credentials from TENCENTCLOUD_SECRET_ID/KEY (not shown); every call is billed\n");
        }
        header.append("Camera  : ").append(options.cameraMode());
        if (options.usesSpecimenCamera()) {
            header.append(" (synthetic, obviously fake cards; one presentation lasts about 5.6 s)");
        } else {
            header.append(" at ").append(SourceMasker.mask(options.cameraSource()));
        }
        header.append("\nGoal    : ").append(options.cards()).append(" card(s) recognized within ").append(options.timeout().toSeconds()).append(" s\n\n");
        return header.toString();
    }

    private int loop(final TestRunner cameraRunner, final TestRunner recognizer) throws InterruptedException {
        final Duration frameInterval = Duration.ofNanos(Math.round(1e9 / FRAMES_PER_SECOND));
        final Instant deadline = pacing.now().plus(options.timeout());
        int recognized = 0;
        int reported = 0;
        boolean firstFrame = true;
        boolean firstCard = true;
        while (recognized < options.cards()) {
            if (!pacing.now().isBefore(deadline)) {
                out.printf("TIMEOUT: %d of %d card(s) recognized within %d s.%n%s", recognized, options.cards(),
                        options.timeout().toSeconds(), diagnosis(cameraRunner));
                return EXIT_TIMEOUT;
            }
            cameraRunner.run(1, false, firstFrame);
            firstFrame = false;
            final List<MockFlowFile> frames = cameraRunner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS);
            cameraRunner.clearTransferState();
            for (final MockFlowFile frame : frames) {
                final long gated = System.nanoTime();
                recognizer.enqueue(frame.toByteArray(), frame.getAttributes());
                trigger(recognizer, firstCard);
                firstCard = false;
                retried(recognizer, frame);
                final long millis = Duration.ofNanos(System.nanoTime() - gated).toMillis();
                for (final Relationship route : ROUTES) {
                    for (final MockFlowFile result : recognizer.getFlowFilesForRelationship(route)) {
                        out.println(CardReport.format(++reported, frame, result, route.getName(), millis));
                        if (route == SignAndRecognizeIdCard.REL_SUCCESS || route == SignAndRecognizeIdCard.REL_WARNING) {
                            recognized++;
                        }
                    }
                }
                recognizer.clearTransferState();
                if (!recognizer.isQueueEmpty()) {
                    // in NiFi the card would wait for someone to fix the key or the account; a demo has nobody
                    out.printf("REFUSED: %s%n", lastError(recognizer));
                    return EXIT_REFUSED;
                }
            }
            pacing.awaitNextTick(frameInterval);
        }
        out.printf("DONE: %d card(s) recognized.%n", recognized);
        return EXIT_OK;
    }

    /**
     * What NiFi's relationship retry on 'retry' does in the shipped flow, which nifi-mock does not: the card is tried
     * again, up to {@link #RETRIES} times, and what still fails is reported. The demo does not wait out the penalty.
     */
    private void retried(final TestRunner recognizer, final MockFlowFile frame) throws InterruptedException {
        for (int retry = 1; retry <= RETRIES && !recognizer.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_RETRY).isEmpty(); retry++) {
            final MockFlowFile failed = recognizer.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_RETRY).getFirst();
            out.printf("RETRY %d of %d after %s%n", retry, RETRIES, failed.getAttribute(IdCardAttributes.ERROR_CODE));
            recognizer.clearTransferState();
            recognizer.enqueue(frame.toByteArray(), frame.getAttributes());
            trigger(recognizer, false);
        }
    }

    /**
     * One trigger as NiFi's scheduler gives it. When the account's quota had no call free, the processor took nothing
     * and yielded (no error logged): NiFi triggers it again once the yield is over, and so does the demo's loop, which
     * is not a NiFi thread. A refused account logs an error and keeps the card queued: that is left to the caller.
     */
    private static void trigger(final TestRunner recognizer, final boolean initialize) throws InterruptedException {
        final int errors = recognizer.getLogger().getErrorMessages().size();
        recognizer.run(1, false, initialize);
        for (int yields = 0; yields < MAX_YIELDS && !recognizer.isQueueEmpty()
                && recognizer.getLogger().getErrorMessages().size() == errors; yields++) {
            Thread.sleep(YIELD);
            recognizer.run(1, false, false);
        }
    }

    /** The processor's last error, which names the provider's code: never a secret (the processor redacts them). */
    private static String lastError(final TestRunner recognizer) {
        final List<LogMessage> errors = recognizer.getLogger().getErrorMessages();
        if (errors.isEmpty()) {
            return "the card stayed queued";
        }
        final LogMessage last = errors.getLast();
        String text = last.getMsg();
        for (final Object arg : last.getArgs()) {
            text = text.replaceFirst("\\{}", Matcher.quoteReplacement(String.valueOf(arg)));
        }
        return text;
    }

    private TestRunner cameraRunner() {
        final TestRunner runner = TestRunners.newTestRunner(camera);
        // CameraProperties is package-private: its property names are the API
        runner.setProperty("Capture Mode", options.cameraMode());
        runner.setProperty("Quality Gate", "Sharp Still Card");
        runner.setProperty("Frames Per Second", Double.toString(FRAMES_PER_SECOND));
        if (!options.usesSpecimenCamera()) {
            runner.setProperty("Source", options.cameraSource());
            if (options.cameraUsername() != null) {
                runner.setProperty("Username", options.cameraUsername());
            }
            if (options.cameraPassword() != null) {
                runner.setProperty("Password", options.cameraPassword());
            }
        }
        runner.assertValid();
        return runner;
    }

    private TestRunner recognizerRunner(final String endpoint, final TencentOcrSimulator simulator) {
        final TestRunner runner = TestRunners.newTestRunner(SignAndRecognizeIdCard.class);
        if (options.usesOffline()) {
            final PaddleOcrIdCardOcrService offline = new PaddleOcrIdCardOcrService();
            try {
                runner.addControllerService("ocr", offline);
            } catch (final InitializationException e) {
                throw new IllegalStateException(e);
            }
            runner.enableControllerService(offline);
            runner.setProperty(SignAndRecognizeIdCard.OCR_SERVICE, "ocr");
            return runner;
        }
        final TencentCloudIdCardOcrService service = new TencentCloudIdCardOcrService();
        try {
            runner.addControllerService("ocr", service);
        } catch (final InitializationException e) {
            throw new IllegalStateException(e);
        }
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_ID, simulator != null ? simulatorSecretId : options.secretId());
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_KEY, simulator != null ? simulatorSecretKey : options.secretKey());
        runner.setProperty(service, TencentCloudIdCardOcrService.ENDPOINT_URL, endpoint);
        if (simulator == null && options.region() != null) {
            runner.setProperty(service, TencentCloudIdCardOcrService.REGION, options.region());
        }
        runner.enableControllerService(service);
        runner.setProperty(SignAndRecognizeIdCard.OCR_SERVICE, "ocr");
        return runner;
    }

    private static String diagnosis(final TestRunner cameraRunner) {
        final StringBuilder text = new StringBuilder("Camera: ")
                .append(counter(cameraRunner, "Frames Rejected by Gate")).append(" frame(s) rejected by the gate, ")
                .append(counter(cameraRunner, "Capture Failures")).append(" capture failure(s), ")
                .append(counter(cameraRunner, "Frames Dropped")).append(" dropped.\n");
        cameraRunner.getLogger().getWarnMessages().stream().reduce((first, last) -> last)
                .ifPresent(last -> text.append("Last camera warning: ").append(SourceMasker.mask(last.getMsg())).append('\n'));
        return text.toString();
    }

    private static long counter(final TestRunner runner, final String name) {
        final Long value = runner.getCounterValue(name);
        return value == null ? 0 : value;
    }

    private static byte[] randomBytes(final int count) {
        final byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}

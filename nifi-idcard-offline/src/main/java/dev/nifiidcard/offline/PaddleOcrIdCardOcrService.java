package dev.nifiidcard.offline;

import dev.nifiidcard.idnumber.ChinaCalendar;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardOcrService;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;

import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.controller.VerifiableControllerService;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.reporting.InitializationException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

@SeeAlso(classNames = {"dev.nifiidcard.processors.SignAndRecognizeIdCard", "dev.nifiidcard.tencent.TencentCloudIdCardOcrService"})
@Tags({"id card", "idcard", "ocr", "offline", "on-premises", "paddleocr", "onnx", "china", "resident identity card", "kyc"})
@CapabilityDescription("Recognizes Chinese resident ID cards inside NiFi, with no cloud: PaddleOCR's PP-OCRv4 models on ONNX Runtime "
        + "(CPU) detect, orient and read the text, and a reader for the card's fixed layout maps it to the same fields as the cloud "
        + "services. No image or field leaves the host and no call is billed. A field it is not sure of (a low-confidence or "
        + "ambiguous character, a look-alike of a rare name character, an ethnic group not among the 56, an ID number that does not "
        + "match its check character, birth date or sex, a validity that is not 5, 10 or 20 years or long-term, a missing field) is "
        + "reported as a FIELD_UNCERTAIN warning, so the card routes to warning. The models load once when enabled and serve every "
        + "processor task concurrently; each recognition is CPU work on the calling task's thread.")
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "The models take about 0.5 GB of native memory, outside the "
        + "Java heap, per enabled service.")
@SystemResourceConsideration(resource = SystemResource.CPU, description = "A 1080p frame costs about half a second of one core.")
public class PaddleOcrIdCardOcrService extends AbstractControllerService implements IdCardOcrService, VerifiableControllerService {

    public static final PropertyDescriptor INFERENCE_THREADS = new PropertyDescriptor.Builder()
            .name("Inference Threads")
            .description("Threads ONNX Runtime uses within one recognition. Recognitions run concurrently on the processor's "
                    + "Concurrent Tasks, which scales better: keep 1 unless few cards arrive and each must be quick.")
            .required(true)
            .defaultValue("1")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final PropertyDescriptor MINIMUM_CHARACTER_CONFIDENCE = new PropertyDescriptor.Builder()
            .name("Minimum Character Confidence")
            .description("A field holding a character read with less confidence (0 to 1) is reported as uncertain, which routes "
                    + "the card to warning. Higher sends more cards to a person or a cloud service; lower lets more misreadings pass.")
            .required(true)
            .defaultValue(String.valueOf(OfflineRecognizer.DEFAULT_MINIMUM_CONFIDENCE))
            .addValidator(StandardValidators.createNonNegativeFloatingPointValidator(1.0))
            .build();

    public static final PropertyDescriptor NATIVE_LIBRARY_DIRECTORY = new PropertyDescriptor.Builder()
            .name("Native Library Directory")
            .description("Where to extract ONNX Runtime's native libraries (created if missing). By default ONNX Runtime extracts "
                    + "them under java.io.tmpdir, which fails when that is mounted noexec. The natives load once per NiFi: the first "
                    + "service enabled decides.")
            .required(false)
            .addValidator(StandardValidators.createDirectoryExistsValidator(false, true))
            .build();

    static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(INFERENCE_THREADS, MINIMUM_CHARACTER_CONFIDENCE,
            NATIVE_LIBRARY_DIRECTORY);

    /** What the recognizer reads well: a photo or scan up to 20 MB, decoded at most 4096 pixels a side. */
    private static final ImageConstraints CONSTRAINTS = new ImageConstraints(Set.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.BMP),
            20L * 1024 * 1024, 200, 16384);

    private final Clock clock;
    private volatile OfflineRecognizer recognizer;

    public PaddleOcrIdCardOcrService() {
        this(Clock.systemUTC());
    }

    PaddleOcrIdCardOcrService(final Clock clock) {
        this.clock = clock;
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) throws InitializationException {
        try {
            recognizer = load(context, getLogger());
        } catch (final IOException e) {
            throw new InitializationException("Could not load the recognizer's models: " + e.getMessage(), e);
        }
    }

    @OnDisabled
    public void onDisabled() {
        final OfflineRecognizer loaded = recognizer;
        recognizer = null;
        if (loaded != null) {
            loaded.close();
        }
    }

    @Override
    public IdCardRecognition recognize(final ImageSource image, final RecognitionRequest request) throws IdCardOcrException {
        final OfflineRecognizer current = recognizer;
        if (current == null) {
            throw new IdCardOcrException(IdCardOcrException.LOCAL + "ServiceDisabled", "The recognizer is not enabled",
                    IdCardOcrException.Category.LOCAL, true);
        }
        final BufferedImage decoded = ImageDecoding.read(image);
        return current.recognize(decoded, ChinaCalendar.today(clock));
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public ImageConstraints getImageConstraints() {
        return CONSTRAINTS;
    }

    @Override
    public String getProviderName() {
        return "paddleocr-offline";
    }

    @Override
    public String getTransitUri() {
        return "local://paddleocr";
    }

    @Override
    public List<ConfigVerificationResult> verify(final ConfigurationContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> variables) {
        return OfflineVerification.verify(() -> load(context, verificationLogger));
    }

    private static OfflineRecognizer load(final ConfigurationContext context, final ComponentLog log) throws IOException {
        final String directory = context.getProperty(NATIVE_LIBRARY_DIRECTORY).getValue();
        if (!NativeLibraries.prepare(directory == null ? null : Path.of(directory))) {
            log.warn("ONNX Runtime's natives were already loaded in this NiFi ({}): Native Library Directory {} takes effect "
                    + "when NiFi restarts", NativeLibraries.location(), directory);
        }
        return OfflineRecognizer.load(context.getProperty(INFERENCE_THREADS).asInteger(),
                context.getProperty(MINIMUM_CHARACTER_CONFIDENCE).asFloat());
    }
}

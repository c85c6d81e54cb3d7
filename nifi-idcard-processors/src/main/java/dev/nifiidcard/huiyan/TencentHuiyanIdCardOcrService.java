package dev.nifiidcard.huiyan;

import dev.nifiidcard.http.AbstractProviderService;
import dev.nifiidcard.http.EndpointUrlValidator;
import dev.nifiidcard.http.ProviderCallExecutor;
import dev.nifiidcard.http.RateLimiter;
import dev.nifiidcard.http.RetryPolicy;
import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.provider.RecognitionVerifier;
import dev.nifiidcard.provider.SampleImage;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import okhttp3.OkHttpClient;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.util.StandardValidators;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

@Tags({"tencent", "huiyan", "faceid", "kyc", "ocr", "id card", "identity", "china", "resident identity card", "idcardocrapp"})
@CapabilityDescription("Recognizes Chinese resident ID cards with Tencent Huiyan (FaceID) KYC ID card OCR (idcardocrapp). "
        + "Holds the WBappid and its Secret, keeps the access token and the SIGN ticket (refreshed by one caller at a time, "
        + "the ticket at least every 20 minutes), signs each call with SHA-1 over the ticket, streams the image's base64 "
        + "from the content repository, spaces calls to the configured rate for every processor that shares the service, "
        + "and retries throttling and outages with exponential backoff.")
@SeeAlso(SignAndRecognizeIdCard.class)
public class TencentHuiyanIdCardOcrService extends AbstractProviderService<HuiyanIdCardClient> {

    static final String DEFAULT_ENDPOINT = "https://miniprogram-kyc.tencentcloudapi.com";
    /** Huiyan's userId: at most 32 characters, without special characters. */
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern APP_ID_SHAPE = Pattern.compile("[A-Za-z0-9]{1,32}");

    public static final PropertyDescriptor APP_ID = new PropertyDescriptor.Builder()
            .name("App ID")
            .description("The WBappid that the Tencent Huiyan (FaceID) console issued for ID card OCR, for example IDAxxxxx: "
                    + "letters and digits.")
            .required(true)
            .addValidator(StandardValidators.createRegexMatchingValidator(APP_ID_SHAPE))
            .build();

    public static final PropertyDescriptor SECRET = new PropertyDescriptor.Builder()
            .name("Secret")
            .description("The Secret of the WBappid, used only to obtain access tokens. Use a sensitive parameter to share it between flows.")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor ENDPOINT_URL = new PropertyDescriptor.Builder()
            .name("Endpoint URL")
            .description("URL of the Huiyan KYC API, without a path: the service appends /api/oauth2/access_token, "
                    + "/api/oauth2/api_ticket and /api/paas/idcardocrapp. Override it for a gateway or a local simulator.")
            .required(true)
            .defaultValue(DEFAULT_ENDPOINT)
            .addValidator(new EndpointUrlValidator(DEFAULT_ENDPOINT))
            .build();

    public static final PropertyDescriptor GET_NATIVE_PLACE = new PropertyDescriptor.Builder()
            .name("Get Native Place")
            .description("Asks Huiyan for the native place derived from the ID number (getNative). It is written as "
                    + "idcard.native.place: personal data, like the other card fields.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    public static final PropertyDescriptor USER_ID_PROPERTY = new PropertyDescriptor.Builder()
            .name("User ID")
            .description("Sent as userId with every call, Huiyan's identifier of the calling user: up to 32 letters and "
                    + "digits, no special characters.")
            .required(false)
            .defaultValue("nifi")
            .addValidator(StandardValidators.createRegexMatchingValidator(USER_ID))
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = withHttpClientProperties(
            APP_ID,
            SECRET,
            ENDPOINT_URL,
            GET_NATIVE_PLACE,
            USER_ID_PROPERTY);

    static final String PROVIDER_NAME = "tencent-huiyan";

    /** Huiyan measures the image as its base64 string, idcardStr: at most 20 MB (20,971,520 characters). */
    static final long MAX_BASE64 = 20L * 1024 * 1024;
    /** A card photo whose shorter side is under this many pixels cannot show an 18-digit number legibly. */
    static final int MIN_SHORT_SIDE = 160;
    /** Huiyan documents no maximum; beyond this the image is suspect (decompression bombs included). */
    static final int MAX_LONG_SIDE = 10_000;
    static final String TICKET_STEP = "Obtain SIGN Ticket";

    private static final ImageConstraints IMAGE_CONSTRAINTS = new ImageConstraints(EnumSet.allOf(ImageFormat.class),
            MAX_BASE64 / 4 * 3, MIN_SHORT_SIDE, MAX_LONG_SIDE);

    private volatile Clock clock = Clock.systemUTC();
    /** Whether this enabled service has said that crops have no effect: once is enough. */
    private final AtomicBoolean cropsNoted = new AtomicBoolean();

    public TencentHuiyanIdCardOcrService() {
        super("Tencent Huiyan ID card OCR", PROVIDER_NAME, PROPERTIES);
    }

    @Override
    protected void enabled(final ConfigurationContext context) {
        cropsNoted.set(false);
    }

    @Override
    public IdCardRecognition recognize(final ImageSource image, final RecognitionRequest request) throws IdCardOcrException {
        final Active<HuiyanIdCardClient> current = active();
        if ((request.cropCard() || request.cropPortrait()) && cropsNoted.compareAndSet(false, true)) {
            getLogger().warn("Tencent Huiyan returns no cropped card or portrait: Crop Card and Crop Portrait have no effect with this service");
        }
        return current.client().recognize(image, request, current.executor());
    }

    @Override
    public ImageConstraints getImageConstraints() {
        active();
        return IMAGE_CONSTRAINTS;
    }

    /**
     * Obtains an access token and a SIGN ticket with the properties being edited, then sends one signed recognition of
     * the built-in sample, directly: no rate limit and no retry.
     */
    @Override
    protected List<ConfigVerificationResult> verifyWith(final PropertyContext context, final HuiyanIdCardClient client) {
        try {
            client.authenticate();
        } catch (final IdCardOcrException e) {
            return RecognitionVerifier.verify(client.transitUri(), () -> {
                throw e;
            });
        }
        final List<ConfigVerificationResult> results = new ArrayList<>(super.verifyWith(context, client));
        results.add(1, new ConfigVerificationResult.Builder()
                .verificationStepName(TICKET_STEP)
                .outcome(ConfigVerificationResult.Outcome.SUCCESSFUL)
                .explanation("App ID and Secret accepted: an access token and a SIGN ticket were issued")
                .build());
        return results;
    }

    @Override
    protected IdCardRecognition recognizeSample(final PropertyContext context, final HuiyanIdCardClient client)
            throws IdCardOcrException {
        final ProviderCallExecutor direct = new ProviderCallExecutor(new RateLimiter(Double.MAX_VALUE),
                new RetryPolicy(0, Duration.ZERO, Duration.ZERO, false));
        final RecognitionRequest request = new RecognitionRequest(null, EnumSet.noneOf(CardWarning.class), false, false, false);
        return client.recognize(SampleImage.INSTANCE, request, direct);
    }

    /** Lets tests move the service's clock, which ages the access token and the SIGN ticket. */
    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @Override
    protected HuiyanIdCardClient createClient(final PropertyContext context, final OkHttpClient http, final ComponentLog log) {
        final String userId = context.getProperty(USER_ID_PROPERTY).getValue();
        return new HuiyanIdCardClient(http, EndpointUrlValidator.parse(context.getProperty(ENDPOINT_URL).getValue()),
                context.getProperty(APP_ID).getValue().trim(),
                context.getProperty(SECRET).getValue().trim(),
                userId == null || userId.isBlank() ? null : userId.trim(),
                context.getProperty(GET_NATIVE_PLACE).asBoolean(), clock, log);
    }
}

package dev.nifiidcard.tencent;

import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.provider.AbstractIdCardOcrService;
import dev.nifiidcard.provider.ImageLimits;
import dev.nifiidcard.provider.ProviderClient;
import dev.nifiidcard.provider.ProviderProperties;
import dev.nifiidcard.provider.http.EndpointUrlValidator;
import okhttp3.OkHttpClient;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.DataUnit;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.EnumSet;
import java.util.List;

@SeeAlso(classNames = {"dev.nifiidcard.processors.SignAndRecognizeIdCard", "dev.nifiidcard.huiyan.TencentHuiyanIdCardOcrService",
        "dev.nifiidcard.wechat.WeChatIdCardOcrService", "dev.nifiidcard.jumdata.JumdataIdCardOcrService"})
@Tags({"tencent", "ocr", "id card", "identity", "kyc", "china", "resident identity card", "idcardocr"})
@CapabilityDescription("Recognizes Chinese resident ID cards with Tencent Cloud OCR (IDCardOCR, API version 2018-11-19). "
        + "Holds the Secret ID and Secret Key, signs each request with TC3-HMAC-SHA256, streams the image from the "
        + "content repository, spaces calls to the configured rate for every processor that shares the service, and "
        + "retries throttling and outages with exponential backoff.")
public class TencentCloudIdCardOcrService extends AbstractIdCardOcrService<TencentCredentials> {

    static final AllowableValue WARN_TYPE_BASIC = new AllowableValue("Basic", "Basic", "The basic card checks included in IDCardOCR.");
    static final AllowableValue WARN_TYPE_ADVANCED = new AllowableValue("Advanced", "Advanced",
            "General card forgery detection: a paid add-on that must be enabled in the Tencent Cloud console first.");

    public static final PropertyDescriptor SECRET_ID = ProviderProperties.secret("Secret ID",
            "SecretId of the Tencent Cloud API key (CAM). Use a sensitive parameter to share it between flows.");

    public static final PropertyDescriptor SECRET_KEY = ProviderProperties.secret("Secret Key",
            "SecretKey of the Tencent Cloud API key. Only used to sign requests; it is never sent.");

    public static final PropertyDescriptor SESSION_TOKEN = new PropertyDescriptor.Builder()
            .name("Session Token")
            .description("Token of temporary credentials issued by Tencent Cloud STS, sent as X-TC-Token. Leave empty for a permanent key.")
            .required(false)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor REGION = new PropertyDescriptor.Builder()
            .name("Region")
            .description("Region sent as X-TC-Region. Optional for OCR: without it Tencent serves the request from the nearest region.")
            .required(false)
            .allowableValues(
                    new AllowableValue("ap-beijing", "ap-beijing", "North China (Beijing)"),
                    new AllowableValue("ap-guangzhou", "ap-guangzhou", "South China (Guangzhou)"),
                    new AllowableValue("ap-shanghai", "ap-shanghai", "East China (Shanghai)"),
                    new AllowableValue("ap-hongkong", "ap-hongkong", "Hong Kong, Macau and Taiwan (China)"),
                    new AllowableValue("ap-singapore", "ap-singapore", "Southeast Asia (Singapore)"))
            .build();

    public static final PropertyDescriptor ENDPOINT_URL = ProviderProperties.endpointUrl("https://ocr.tencentcloudapi.com",
            "URL of the OCR API, without a path: requests are signed for the root path. Override it to reach a "
                    + "private endpoint, a regional host such as https://ocr.ap-guangzhou.tencentcloudapi.com, or a local simulator.");

    public static final PropertyDescriptor MAX_IMAGE_SIZE = new PropertyDescriptor.Builder()
            .name("Max Image Size")
            .description("Largest accepted request, measured as Tencent measures the image: its base64 (10 MB; one revision "
                    + "of the documentation says 7 MB). 1 KB of it is kept for the JSON around the image. Larger images go "
                    + "to failure without a call.")
            .required(true)
            .defaultValue("10 MB")
            .addValidator(StandardValidators.createDataSizeBoundsValidator(1024, 64L * 1024 * 1024))
            .build();

    public static final PropertyDescriptor CARD_WARN_TYPE = new PropertyDescriptor.Builder()
            .name("Card Warn Type")
            .description("Which card checks Tencent runs for the requested warnings.")
            .required(true)
            .allowableValues(WARN_TYPE_BASIC, WARN_TYPE_ADVANCED)
            .defaultValue(WARN_TYPE_BASIC)
            .build();

    public static final PropertyDescriptor RECOGNITION_RECTIFY = new PropertyDescriptor.Builder()
            .name("Recognition Rectify")
            .description("EnableRecognitionRectify: Tencent makes ID number, birth date and sex consistent with each other. "
                    + "Turn it off to see exactly what was printed, for example to detect altered cards.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .build();

    public static final PropertyDescriptor DATE_VERIFY = new PropertyDescriptor.Builder()
            .name("Date Verify")
            .description("EnableDateVerify: Tencent checks the validity period of the card.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .build();

    public static final PropertyDescriptor SIGN_REQUEST_BODY = new PropertyDescriptor.Builder()
            .name("Sign Request Body")
            .description("Whether the TC3 signature covers the request body. Signing it means a SHA-256 over the whole base64 "
                    + "image before sending, that is one more pass over the content (about 0.15 ms of CPU per 200 KB image). "
                    + "false sends X-TC-Content-SHA256: UNSIGNED-PAYLOAD, as the official SDK's unsigned-payload option does: "
                    + "credentials, time and headers stay signed, the body's integrity rests on TLS alone, so use it only "
                    + "with an https Endpoint URL, and for throughput beyond what the rate limit of most accounts allows.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = withHttpClientProperties(
            SECRET_ID,
            SECRET_KEY,
            SESSION_TOKEN,
            REGION,
            ENDPOINT_URL,
            MAX_IMAGE_SIZE,
            CARD_WARN_TYPE,
            RECOGNITION_RECTIFY,
            DATE_VERIFY,
            SIGN_REQUEST_BODY);

    static final String PROVIDER_NAME = "tencent-cloud";

    /** Room kept within Max Image Size for the JSON fields around the image's base64. */
    static final long JSON_OVERHEAD = 1024;

    public TencentCloudIdCardOcrService() {
        super("Tencent Cloud", PROVIDER_NAME, PROPERTIES);
    }

    @Override
    protected ProviderClient<TencentCredentials> createClient(final PropertyContext context, final OkHttpClient http, final ComponentLog log) {
        final TencentCredentials credentials = new TencentCredentials(
                context.getProperty(SECRET_ID).getValue().trim(),
                context.getProperty(SECRET_KEY).getValue().trim(),
                context.getProperty(SESSION_TOKEN).isSet() ? context.getProperty(SESSION_TOKEN).getValue().trim() : null);
        return new TencentRequest(EndpointUrlValidator.parse(context.getProperty(ENDPOINT_URL).getValue()), credentials,
                context.getProperty(REGION).getValue(), settings(context), new ClockSkew(clock()), log);
    }

    @Override
    protected ImageConstraints imageConstraints(final PropertyContext context) {
        final long maxBase64 = context.getProperty(MAX_IMAGE_SIZE).asDataSize(DataUnit.B).longValue();
        return ImageLimits.of(EnumSet.allOf(ImageFormat.class), (maxBase64 - JSON_OVERHEAD) / 4 * 3);
    }

    private static TencentRequest.Settings settings(final PropertyContext context) {
        return new TencentRequest.Settings(context.getProperty(CARD_WARN_TYPE).getValue(),
                context.getProperty(RECOGNITION_RECTIFY).asBoolean(),
                context.getProperty(DATE_VERIFY).asBoolean(),
                context.getProperty(SIGN_REQUEST_BODY).asBoolean());
    }
}

package dev.nifiidcard.huiyan;

import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.provider.AbstractIdCardOcrService;
import dev.nifiidcard.provider.ImageLimits;
import dev.nifiidcard.provider.ProviderClient;
import dev.nifiidcard.provider.ProviderProperties;
import dev.nifiidcard.provider.http.EndpointUrlValidator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

@Tags({"tencent", "huiyan", "faceid", "kyc", "ocr", "id card", "identity", "china", "resident identity card", "idcardocrapp"})
@CapabilityDescription("Recognizes Chinese resident ID cards with Tencent Huiyan (FaceID) KYC ID card OCR (idcardocrapp). "
        + "Holds the WBappid and its Secret, keeps the access token and the SIGN ticket (refreshed by one caller at a time, "
        + "the ticket at least every 20 minutes), signs each call with SHA-1 over the ticket, streams the image's base64 "
        + "from the content repository, spaces calls to the configured rate for every processor that shares the service, "
        + "and retries throttling and outages with exponential backoff.")
@SeeAlso(classNames = {"dev.nifiidcard.processors.SignAndRecognizeIdCard", "dev.nifiidcard.tencent.TencentCloudIdCardOcrService",
        "dev.nifiidcard.wechat.WeChatIdCardOcrService", "dev.nifiidcard.jumdata.JumdataIdCardOcrService"})
public class TencentHuiyanIdCardOcrService extends AbstractIdCardOcrService<String> {

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

    public static final PropertyDescriptor SECRET = ProviderProperties.secret("Secret",
            "The Secret of the WBappid, used only to obtain access tokens. Use a sensitive parameter to share it between flows.");

    public static final PropertyDescriptor ENDPOINT_URL = ProviderProperties.endpointUrl(DEFAULT_ENDPOINT,
            "URL of the Huiyan KYC API, without a path: the service appends /api/oauth2/access_token, "
                    + "/api/oauth2/api_ticket and /api/paas/idcardocrapp. Override it for a gateway or a local simulator.");

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
    static final String TICKET_STEP = "Obtain SIGN Ticket";

    private static final ImageConstraints IMAGE_CONSTRAINTS = ImageLimits.of(EnumSet.allOf(ImageFormat.class), MAX_BASE64 / 4 * 3);

    public TencentHuiyanIdCardOcrService() {
        super(HuiyanAnswer.PROVIDER, PROVIDER_NAME, PROPERTIES, IMAGE_CONSTRAINTS);
    }

    /** Verify first obtains an access token and a SIGN ticket: that alone proves the App ID and the Secret. */
    @Override
    protected String credentialStep() {
        return TICKET_STEP;
    }

    @Override
    protected ProviderClient<String> createClient(final PropertyContext context, final OkHttpClient http, final ComponentLog log) {
        final HttpUrl endpoint = EndpointUrlValidator.parse(context.getProperty(ENDPOINT_URL).getValue());
        final String appId = context.getProperty(APP_ID).getValue().trim();
        final String secret = context.getProperty(SECRET).getValue().trim();
        final String userId = context.getProperty(USER_ID_PROPERTY).getValue();
        if (sharingNodes() > 1) {
            log.warn("Tencent Huiyan: each of the {} nodes of the cluster fetches and refreshes its own access token and SIGN ticket, "
                    + "while Huiyan asks that a ticket is never refreshed concurrently: run the processors that use this service "
                    + "on the primary node only, or expect a replaced ticket to be refused now and then (each refusal is "
                    + "renewed once)", sharingNodes());
        }
        return new HuiyanRequest(endpoint, appId, secret, userId == null || userId.isBlank() ? null : userId.trim(),
                context.getProperty(GET_NATIVE_PLACE).asBoolean(), new HuiyanAuth(http, endpoint, appId, secret, clock(), log), log);
    }
}

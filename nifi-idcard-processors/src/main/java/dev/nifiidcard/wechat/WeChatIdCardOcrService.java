package dev.nifiidcard.wechat;

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
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.logging.ComponentLog;

import java.util.EnumSet;
import java.util.List;

@SeeAlso(classNames = {"dev.nifiidcard.processors.SignAndRecognizeIdCard", "dev.nifiidcard.tencent.TencentCloudIdCardOcrService",
        "dev.nifiidcard.huiyan.TencentHuiyanIdCardOcrService", "dev.nifiidcard.jumdata.JumdataIdCardOcrService"})
@Tags({"wechat", "weixin", "ocr", "id card", "identity", "kyc", "china", "resident identity card", "mini program", "idcard"})
@CapabilityDescription("Recognizes Chinese resident ID cards with the WeChat OCR API (cv/ocr/idcard) of an Official Account "
        + "or Mini Program. Exchanges the App ID and App Secret for an access token, keeps it until shortly before it expires "
        + "and replaces it once when WeChat refuses it, streams the image from the content repository as a multipart upload, "
        + "spaces calls to the configured rate for every processor that shares the service, and retries a busy WeChat "
        + "with exponential backoff. WeChat reports no card warnings, quality score, crops or birth date.")
public class WeChatIdCardOcrService extends AbstractIdCardOcrService<String> {

    static final AllowableValue IMAGE_TYPE_PHOTO = new AllowableValue("photo", "photo",
            "A photograph of the card, taken with a phone or camera.");
    static final AllowableValue IMAGE_TYPE_SCAN = new AllowableValue("scan", "scan",
            "A scan of the card, from a flatbed or document scanner.");

    public static final PropertyDescriptor APP_ID = ProviderProperties.identifier("App ID",
            "AppID of the WeChat Official Account or Mini Program whose OCR quota the calls use, for example wx1234567890abcdef.");

    public static final PropertyDescriptor APP_SECRET = ProviderProperties.secret("App Secret",
            "AppSecret of the same account. Only sent, in a request body, to fetch the stable access token (cgi-bin/stable_token); never in a URL and never with an image. "
                    + "Use a sensitive parameter to share it between flows.");

    static final String DEFAULT_ENDPOINT = "https://api.weixin.qq.com";

    public static final PropertyDescriptor ENDPOINT_URL = ProviderProperties.endpointUrl(DEFAULT_ENDPOINT,
            "URL of the WeChat API, without a path: the service appends /cgi-bin/stable_token and /cv/ocr/idcard. "
                    + "Override it to reach a gateway that forwards those paths, or a local simulator.");

    public static final PropertyDescriptor IMAGE_TYPE = new PropertyDescriptor.Builder()
            .name("Image Type")
            .description("How the images were taken, sent as the type query parameter: photo or scan.")
            .required(true)
            .allowableValues(IMAGE_TYPE_PHOTO, IMAGE_TYPE_SCAN)
            .defaultValue(IMAGE_TYPE_PHOTO)
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = withHttpClientProperties(
            APP_ID,
            APP_SECRET,
            ENDPOINT_URL,
            IMAGE_TYPE);

    static final String PROVIDER_NAME = "wechat";

    /** WeChat accepts files smaller than 2 MB (read as 2 MiB); the multipart framing around the image does not count. */
    static final long MAX_IMAGE_BYTES = 2L * 1024 * 1024 - 1;
    /**
     * WeChat documents no formats. JPEG, PNG and BMP are what the processor can check locally, and what WeChat's
     * own examples and the Tencent OCR engine behind it take.
     */
    static final ImageConstraints IMAGE_CONSTRAINTS = ImageLimits.of(EnumSet.allOf(ImageFormat.class), MAX_IMAGE_BYTES);


    public WeChatIdCardOcrService() {
        super("WeChat", PROVIDER_NAME, PROPERTIES, IMAGE_CONSTRAINTS);
    }

    @Override
    protected ProviderClient<String> createClient(final PropertyContext context, final OkHttpClient http, final ComponentLog log) {
        final HttpUrl endpoint = EndpointUrlValidator.parse(context.getProperty(ENDPOINT_URL).getValue());
        return WeChatRequest.of(endpoint, context.getProperty(IMAGE_TYPE).getValue(), WeChatAuth.tokens(http, endpoint,
                context.getProperty(APP_ID).getValue().trim(), context.getProperty(APP_SECRET).getValue().trim(), clock(), log));
    }
}

package dev.nifiidcard.jumdata;

import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.provider.AbstractIdCardOcrService;
import dev.nifiidcard.provider.ProviderClient;
import dev.nifiidcard.provider.ProviderProperties;
import dev.nifiidcard.provider.http.EndpointUrlValidator;
import okhttp3.OkHttpClient;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.logging.ComponentLog;

import java.util.EnumSet;
import java.util.List;

@Tags({"jumdata", "聚美智数", "ocr", "id card", "identity", "kyc", "china", "resident identity card"})
@CapabilityDescription("Recognizes Chinese resident ID cards with Jumdata's ID card OCR (ocr/idcard-v1, standard edition). "
        + "Holds the App ID and App Secret, signs each request with SHA-256(appId + appSecret + timestamp), streams the "
        + "image from the content repository as a multipart file, spaces calls to the configured rate for every processor "
        + "that shares the service, and retries throttling and maintenance answers with exponential backoff. Jumdata "
        + "detects the side itself and takes no card checks, quality score or crops: fields it marks unreliable are "
        + "reported as FIELD_UNCERTAIN warnings.")
@SeeAlso(classNames = {"dev.nifiidcard.processors.SignAndRecognizeIdCard", "dev.nifiidcard.tencent.TencentCloudIdCardOcrService",
        "dev.nifiidcard.huiyan.TencentHuiyanIdCardOcrService", "dev.nifiidcard.wechat.WeChatIdCardOcrService"})
public class JumdataIdCardOcrService extends AbstractIdCardOcrService<JumdataRequest.Key> {

    public static final PropertyDescriptor APP_ID = ProviderProperties.identifier("App ID",
            "The appId Jumdata assigned to the application; sent with every request.");

    public static final PropertyDescriptor APP_SECRET = ProviderProperties.secret("App Secret",
            "The appSecret Jumdata assigned. Only hashed into each request's sign; it is never sent.");

    public static final PropertyDescriptor ENDPOINT_URL = ProviderProperties.endpointUrl("https://api.jumdata.com",
            "URL of the Jumdata API, without a path: the service appends " + JumdataRequest.PATH + ". Override it "
                    + "to reach a gateway or a local simulator.");

    private static final List<PropertyDescriptor> PROPERTIES = withHttpClientProperties(
            APP_ID,
            APP_SECRET,
            ENDPOINT_URL);

    static final String PROVIDER_NAME = "jumdata";

    /** Jumdata: each side more than 8 px (so at least 9) and at most 4000 px, at most 2 MB, JPEG or PNG. */
    static final ImageConstraints IMAGE_CONSTRAINTS = new ImageConstraints(EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG),
            2L * 1024 * 1024, 9, 4000);

    public JumdataIdCardOcrService() {
        super("Jumdata", PROVIDER_NAME, PROPERTIES, IMAGE_CONSTRAINTS);
    }

    @Override
    protected ProviderClient<JumdataRequest.Key> createClient(final PropertyContext context, final OkHttpClient http, final ComponentLog log) {
        final JumdataRequest.Key key = new JumdataRequest.Key(
                context.getProperty(APP_ID).getValue().trim(),
                context.getProperty(APP_SECRET).getValue().trim());
        return JumdataRequest.of(EndpointUrlValidator.parse(context.getProperty(ENDPOINT_URL).getValue()), key, clock());
    }
}

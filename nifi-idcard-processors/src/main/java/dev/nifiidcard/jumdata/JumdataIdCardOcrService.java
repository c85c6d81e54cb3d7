package dev.nifiidcard.jumdata;

import dev.nifiidcard.http.AbstractProviderService;
import dev.nifiidcard.http.EndpointUrlValidator;
import dev.nifiidcard.http.ImagePartBody;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.provider.SampleImage;
import okhttp3.OkHttpClient;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.util.StandardValidators;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;

@Tags({"jumdata", "聚美智数", "ocr", "id card", "identity", "kyc", "china", "resident identity card"})
@CapabilityDescription("Recognizes Chinese resident ID cards with Jumdata's ID card OCR (ocr/idcard-v1, standard edition). "
        + "Holds the App ID and App Secret, signs each request with SHA-256(appId + appSecret + timestamp), streams the "
        + "image from the content repository as a multipart file, spaces calls to the configured rate for every processor "
        + "that shares the service, and retries throttling and maintenance answers with exponential backoff. Jumdata "
        + "detects the side itself and takes no card checks, quality score or crops: fields it marks unreliable are "
        + "reported as FIELD_UNCERTAIN warnings.")
public class JumdataIdCardOcrService extends AbstractProviderService<JumdataIdCardClient> {

    public static final PropertyDescriptor APP_ID = new PropertyDescriptor.Builder()
            .name("App ID")
            .description("The appId Jumdata assigned to the application; sent with every request.")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor APP_SECRET = new PropertyDescriptor.Builder()
            .name("App Secret")
            .description("The appSecret Jumdata assigned. Only hashed into each request's sign; it is never sent.")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor ENDPOINT_URL = new PropertyDescriptor.Builder()
            .name("Endpoint URL")
            .description("URL of the Jumdata API, without a path: the service appends " + JumdataIdCardClient.PATH + ". Override it "
                    + "to reach a gateway or a local simulator.")
            .required(true)
            .defaultValue("https://api.jumdata.com")
            .addValidator(new EndpointUrlValidator("https://api.jumdata.com"))
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = withHttpClientProperties(
            APP_ID,
            APP_SECRET,
            ENDPOINT_URL);

    static final String PROVIDER_NAME = "jumdata";

    /** Jumdata: each side more than 8 px (so at least 9) and at most 4000 px, at most 2 MB, JPEG or PNG. */
    static final ImageConstraints IMAGE_CONSTRAINTS = new ImageConstraints(EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG),
            2L * 1024 * 1024, 9, 4000);

    private volatile Clock clock = Clock.systemUTC();

    public JumdataIdCardOcrService() {
        super("Jumdata ID card OCR", PROVIDER_NAME, PROPERTIES);
    }

    /** Jumdata detects the side and runs no optional checks: of the request, only the expected side is used. */
    @Override
    public IdCardRecognition recognize(final ImageSource image, final RecognitionRequest request) throws IdCardOcrException {
        final Active<JumdataIdCardClient> current = active();
        final ImagePartBody file = ImagePartBody.of(image);
        return current.executor().execute(() -> current.client().recognize(file, request.cardSide()));
    }

    @Override
    public ImageConstraints getImageConstraints() {
        return IMAGE_CONSTRAINTS;
    }

    @Override
    protected IdCardRecognition recognizeSample(final PropertyContext context, final JumdataIdCardClient client) throws IdCardOcrException {
        return client.recognize(ImagePartBody.of(SampleImage.INSTANCE), null);
    }

    /** Lets tests put the service's clock elsewhere, as a skewed host would. */
    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @Override
    protected JumdataIdCardClient createClient(final PropertyContext context, final OkHttpClient http, final ComponentLog log) {
        final JumdataCredentials credentials = new JumdataCredentials(
                context.getProperty(APP_ID).getValue().trim(),
                context.getProperty(APP_SECRET).getValue().trim());
        return new JumdataIdCardClient(http, EndpointUrlValidator.parse(context.getProperty(ENDPOINT_URL).getValue()), credentials,
                () -> clock.millis());
    }
}

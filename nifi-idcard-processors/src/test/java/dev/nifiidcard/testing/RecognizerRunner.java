package dev.nifiidcard.testing;

import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.TestRunner;

import java.util.Map;

/** A SignAndRecognizeIdCard runner wired to a TencentCloudIdCardOcrService that talks to the local test server. */
public final class RecognizerRunner {

    public static final String SERVICE_ID = "ocr";
    /** The credentials the service is given. */
    public static final Map<PropertyDescriptor, String> CREDENTIALS = Map.of(
            TencentCloudIdCardOcrService.SECRET_ID, TencentOcrTestServer.SECRET_ID,
            TencentCloudIdCardOcrService.SECRET_KEY, TencentOcrTestServer.SECRET_KEY);

    private RecognizerRunner() {
    }

    public static TestRunner create(final TencentOcrTestServer server) {
        return create(server, Map.of());
    }

    /** With service properties overriding the test defaults (short timeouts, a rate limit out of the way). */
    public static TestRunner create(final TencentOcrTestServer server, final Map<PropertyDescriptor, String> serviceProperties) {
        return create(server.url(), serviceProperties, new SignAndRecognizeIdCard());
    }

    /** Around the given processor instance, for tests that instrument it. */
    public static TestRunner create(final TencentOcrTestServer server, final Map<PropertyDescriptor, String> serviceProperties,
                                    final SignAndRecognizeIdCard processor) {
        return create(server.url(), serviceProperties, processor);
    }

    /** Against any endpoint URL, for servers other than {@link TencentOcrTestServer}. */
    public static TestRunner create(final String endpointUrl, final Map<PropertyDescriptor, String> serviceProperties) {
        return create(endpointUrl, serviceProperties, new SignAndRecognizeIdCard());
    }

    private static TestRunner create(final String endpointUrl, final Map<PropertyDescriptor, String> serviceProperties,
                                     final SignAndRecognizeIdCard processor) {
        return ServiceRunner.create(processor, SERVICE_ID, new TencentCloudIdCardOcrService(), CREDENTIALS,
                TencentCloudIdCardOcrService.ENDPOINT_URL, endpointUrl, serviceProperties);
    }

    public static TencentCloudIdCardOcrService service(final TestRunner runner) {
        return (TencentCloudIdCardOcrService) runner.getControllerService(SERVICE_ID);
    }
}

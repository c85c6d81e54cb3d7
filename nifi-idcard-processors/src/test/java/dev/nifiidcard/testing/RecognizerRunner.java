package dev.nifiidcard.testing;

import dev.nifiidcard.http.HttpClientProperties;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.util.Map;

/** A SignAndRecognizeIdCard runner wired to a TencentCloudIdCardOcrService that talks to the local test server. */
public final class RecognizerRunner {

    public static final String SERVICE_ID = "ocr";

    private RecognizerRunner() {
    }

    public static TestRunner create(final TencentOcrTestServer server) {
        return create(server, Map.of());
    }

    /** With service properties overriding the test defaults (fast retries, short timeouts). */
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
        final TestRunner runner = TestRunners.newTestRunner(processor);
        final TencentCloudIdCardOcrService service = new TencentCloudIdCardOcrService();
        try {
            runner.addControllerService(SERVICE_ID, service);
        } catch (final InitializationException e) {
            throw new IllegalStateException(e);
        }
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_ID, TencentOcrTestServer.SECRET_ID);
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_KEY, TencentOcrTestServer.SECRET_KEY);
        runner.setProperty(service, TencentCloudIdCardOcrService.ENDPOINT_URL, endpointUrl);
        runner.setProperty(service, HttpClientProperties.RETRY_BACKOFF, "1 ms");
        runner.setProperty(service, HttpClientProperties.READ_TIMEOUT, "5 secs");
        runner.setProperty(service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, "1000");
        serviceProperties.forEach((descriptor, value) -> runner.setProperty(service, descriptor, value));
        runner.enableControllerService(service);
        runner.setProperty(SignAndRecognizeIdCard.OCR_SERVICE, SERVICE_ID);
        return runner;
    }

    public static TencentCloudIdCardOcrService service(final TestRunner runner) {
        return (TencentCloudIdCardOcrService) runner.getControllerService(SERVICE_ID);
    }
}

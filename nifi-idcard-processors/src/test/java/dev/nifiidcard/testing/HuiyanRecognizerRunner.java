package dev.nifiidcard.testing;

import dev.nifiidcard.http.HttpClientProperties;
import dev.nifiidcard.huiyan.TencentHuiyanIdCardOcrService;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.util.Map;

/** A SignAndRecognizeIdCard runner wired to a TencentHuiyanIdCardOcrService that talks to the local Huiyan test server. */
public final class HuiyanRecognizerRunner {

    public static final String SERVICE_ID = "huiyan";

    private HuiyanRecognizerRunner() {
    }

    public static TestRunner create(final HuiyanTestServer server) {
        return create(server, Map.of());
    }

    /** With service properties overriding the test defaults (fast retries, short timeouts). */
    public static TestRunner create(final HuiyanTestServer server, final Map<PropertyDescriptor, String> serviceProperties) {
        return create(server, serviceProperties, new TencentHuiyanIdCardOcrService());
    }

    /** Around the given service instance, for tests that move its clock before enabling it. */
    public static TestRunner create(final HuiyanTestServer server, final Map<PropertyDescriptor, String> serviceProperties,
                                    final TencentHuiyanIdCardOcrService service) {
        final TestRunner runner = TestRunners.newTestRunner(new SignAndRecognizeIdCard());
        try {
            runner.addControllerService(SERVICE_ID, service);
        } catch (final InitializationException e) {
            throw new IllegalStateException(e);
        }
        runner.setProperty(service, TencentHuiyanIdCardOcrService.APP_ID, HuiyanTestServer.APP_ID);
        runner.setProperty(service, TencentHuiyanIdCardOcrService.SECRET, HuiyanTestServer.SECRET);
        runner.setProperty(service, TencentHuiyanIdCardOcrService.ENDPOINT_URL, server.url());
        runner.setProperty(service, HttpClientProperties.RETRY_BACKOFF, "1 ms");
        runner.setProperty(service, HttpClientProperties.READ_TIMEOUT, "5 secs");
        runner.setProperty(service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, "1000");
        serviceProperties.forEach((descriptor, value) -> runner.setProperty(service, descriptor, value));
        runner.enableControllerService(service);
        runner.setProperty(SignAndRecognizeIdCard.OCR_SERVICE, SERVICE_ID);
        return runner;
    }

    public static TencentHuiyanIdCardOcrService service(final TestRunner runner) {
        return (TencentHuiyanIdCardOcrService) runner.getControllerService(SERVICE_ID);
    }
}

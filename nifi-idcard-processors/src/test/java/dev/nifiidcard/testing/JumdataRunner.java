package dev.nifiidcard.testing;

import dev.nifiidcard.http.HttpClientProperties;
import dev.nifiidcard.jumdata.JumdataIdCardOcrService;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.util.Map;

/** A SignAndRecognizeIdCard runner wired to a JumdataIdCardOcrService that talks to a local Jumdata endpoint. */
public final class JumdataRunner {

    public static final String SERVICE_ID = "jumdata";

    private JumdataRunner() {
    }

    public static TestRunner create(final JumdataTestServer server) {
        return create(server.url(), Map.of());
    }

    /** With service properties overriding the test defaults (fast retries, short timeouts). */
    public static TestRunner create(final JumdataTestServer server, final Map<PropertyDescriptor, String> serviceProperties) {
        return create(server.url(), serviceProperties);
    }

    public static TestRunner create(final String endpointUrl, final Map<PropertyDescriptor, String> serviceProperties) {
        final TestRunner runner = TestRunners.newTestRunner(new SignAndRecognizeIdCard());
        final JumdataIdCardOcrService service = new JumdataIdCardOcrService();
        try {
            runner.addControllerService(SERVICE_ID, service);
        } catch (final InitializationException e) {
            throw new IllegalStateException(e);
        }
        runner.setProperty(service, JumdataIdCardOcrService.APP_ID, JumdataTestServer.APP_ID);
        runner.setProperty(service, JumdataIdCardOcrService.APP_SECRET, JumdataTestServer.APP_SECRET);
        runner.setProperty(service, JumdataIdCardOcrService.ENDPOINT_URL, endpointUrl);
        runner.setProperty(service, HttpClientProperties.RETRY_BACKOFF, "1 ms");
        runner.setProperty(service, HttpClientProperties.READ_TIMEOUT, "5 secs");
        runner.setProperty(service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, "1000");
        serviceProperties.forEach((descriptor, value) -> runner.setProperty(service, descriptor, value));
        runner.enableControllerService(service);
        runner.setProperty(SignAndRecognizeIdCard.OCR_SERVICE, SERVICE_ID);
        return runner;
    }

    public static JumdataIdCardOcrService service(final TestRunner runner) {
        return (JumdataIdCardOcrService) runner.getControllerService(SERVICE_ID);
    }
}

package dev.nifiidcard.testing;

import dev.nifiidcard.jumdata.JumdataIdCardOcrService;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.TestRunner;

import java.util.Map;

/** A SignAndRecognizeIdCard runner wired to a JumdataIdCardOcrService that talks to a local Jumdata endpoint. */
public final class JumdataRunner {

    public static final String SERVICE_ID = "jumdata";
    /** The credentials the service is given. */
    public static final Map<PropertyDescriptor, String> CREDENTIALS = Map.of(
            JumdataIdCardOcrService.APP_ID, JumdataTestServer.APP_ID,
            JumdataIdCardOcrService.APP_SECRET, JumdataTestServer.APP_SECRET);

    private JumdataRunner() {
    }

    public static TestRunner create(final JumdataTestServer server) {
        return create(server.url(), Map.of());
    }

    /** With service properties overriding the test defaults (short timeouts, a rate limit out of the way). */
    public static TestRunner create(final JumdataTestServer server, final Map<PropertyDescriptor, String> serviceProperties) {
        return create(server.url(), serviceProperties);
    }

    public static TestRunner create(final String endpointUrl, final Map<PropertyDescriptor, String> serviceProperties) {
        return ServiceRunner.create(new SignAndRecognizeIdCard(), SERVICE_ID, new JumdataIdCardOcrService(), CREDENTIALS,
                JumdataIdCardOcrService.ENDPOINT_URL, endpointUrl, serviceProperties);
    }

    public static JumdataIdCardOcrService service(final TestRunner runner) {
        return (JumdataIdCardOcrService) runner.getControllerService(SERVICE_ID);
    }
}

package dev.nifiidcard.testing;

import dev.nifiidcard.huiyan.TencentHuiyanIdCardOcrService;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.TestRunner;

import java.util.Map;

/** A SignAndRecognizeIdCard runner wired to a TencentHuiyanIdCardOcrService that talks to the local Huiyan test server. */
public final class HuiyanRecognizerRunner {

    public static final String SERVICE_ID = "huiyan";
    /** The credentials the service is given. */
    public static final Map<PropertyDescriptor, String> CREDENTIALS = Map.of(
            TencentHuiyanIdCardOcrService.APP_ID, HuiyanTestServer.APP_ID,
            TencentHuiyanIdCardOcrService.SECRET, HuiyanTestServer.SECRET);

    private HuiyanRecognizerRunner() {
    }

    public static TestRunner create(final HuiyanTestServer server) {
        return create(server, Map.of());
    }

    /** With service properties overriding the test defaults (short timeouts, a rate limit out of the way). */
    public static TestRunner create(final HuiyanTestServer server, final Map<PropertyDescriptor, String> serviceProperties) {
        return create(server, serviceProperties, new TencentHuiyanIdCardOcrService());
    }

    /** Around the given service instance, for tests that move its clock before enabling it. */
    public static TestRunner create(final HuiyanTestServer server, final Map<PropertyDescriptor, String> serviceProperties,
                                    final TencentHuiyanIdCardOcrService service) {
        return ServiceRunner.create(new SignAndRecognizeIdCard(), SERVICE_ID, service, CREDENTIALS,
                TencentHuiyanIdCardOcrService.ENDPOINT_URL, server.url(), serviceProperties);
    }

    public static TencentHuiyanIdCardOcrService service(final TestRunner runner) {
        return (TencentHuiyanIdCardOcrService) runner.getControllerService(SERVICE_ID);
    }
}

package dev.nifiidcard.testing;

import dev.nifiidcard.ocr.IdCardOcrService;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.provider.HttpClientProperties;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.util.List;
import java.util.Map;

/**
 * A SignAndRecognizeIdCard runner wired to an enabled provider service: the provider's credentials and Endpoint URL,
 * then the test defaults every provider shares (short timeouts, a rate limit out of the way), then the
 * test's own properties.
 */
public final class ServiceRunner {

    private ServiceRunner() {
    }

    public static TestRunner create(final SignAndRecognizeIdCard processor, final String serviceId, final IdCardOcrService service,
                                    final Map<PropertyDescriptor, String> credentials,
                                    final PropertyDescriptor endpointProperty, final String endpointUrl,
                                    final Map<PropertyDescriptor, String> serviceProperties) {
        final TestRunner runner = TestRunners.newTestRunner(processor);
        try {
            runner.addControllerService(serviceId, service);
        } catch (final InitializationException e) {
            throw new IllegalStateException(e);
        }
        credentials.forEach((descriptor, value) -> runner.setProperty(service, descriptor, value));
        runner.setProperty(service, endpointProperty, endpointUrl);
        runner.setProperty(service, HttpClientProperties.READ_TIMEOUT, "5 secs");
        runner.setProperty(service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, "1000");
        serviceProperties.forEach((descriptor, value) -> runner.setProperty(service, descriptor, value));
        runner.enableControllerService(service);
        runner.setProperty(SignAndRecognizeIdCard.OCR_SERVICE, serviceId);
        return runner;
    }

    /**
     * The Endpoint URLs every provider service refuses (its EndpointUrlValidator): not a URL, another scheme,
     * credentials in the URL, the API's path (the service appends it), a query.
     */
    public static List<String> invalidEndpointUrls(final String host, final String apiPath) {
        return List.of("not a url", "ftp://" + host, "https://user:pass@" + host, "https://" + host + apiPath, "https://" + host + "/?token=x");
    }

    /**
     * The value makes the (disabled) service invalid; put back (its default, else its value in the credentials, else
     * unset), the property leaves the service valid again.
     */
    public static void assertInvalid(final TestRunner runner, final ControllerService service, final PropertyDescriptor property,
                                     final String value, final Map<PropertyDescriptor, String> credentials) {
        runner.setProperty(service, property, value);
        runner.assertNotValid(service);
        if (property.getDefaultValue() != null) {
            runner.setProperty(service, property, property.getDefaultValue());
        } else if (credentials.containsKey(property)) {
            runner.setProperty(service, property, credentials.get(property));
        } else {
            runner.removeProperty(service, property);
        }
        runner.assertValid(service);
    }
}

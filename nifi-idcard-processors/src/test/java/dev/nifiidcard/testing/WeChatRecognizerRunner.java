package dev.nifiidcard.testing;

import dev.nifiidcard.http.HttpClientProperties;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.wechat.WeChatIdCardOcrService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.util.Map;

/** A SignAndRecognizeIdCard runner wired to a WeChatIdCardOcrService that talks to a local WeChat endpoint. */
public final class WeChatRecognizerRunner {

    public static final String SERVICE_ID = "wechat-ocr";

    private WeChatRecognizerRunner() {
    }

    public static TestRunner create(final WeChatTestServer server) {
        return create(server.url(), Map.of());
    }

    /** With service properties overriding the test defaults (fast retries, short timeouts). */
    public static TestRunner create(final WeChatTestServer server, final Map<PropertyDescriptor, String> serviceProperties) {
        return create(server.url(), serviceProperties);
    }

    /** Against any endpoint URL, for endpoints other than {@link WeChatTestServer}. */
    public static TestRunner create(final String endpointUrl, final Map<PropertyDescriptor, String> serviceProperties) {
        final TestRunner runner = TestRunners.newTestRunner(new SignAndRecognizeIdCard());
        final WeChatIdCardOcrService service = new WeChatIdCardOcrService();
        try {
            runner.addControllerService(SERVICE_ID, service);
        } catch (final InitializationException e) {
            throw new IllegalStateException(e);
        }
        runner.setProperty(service, WeChatIdCardOcrService.APP_ID, WeChatTestServer.APP_ID);
        runner.setProperty(service, WeChatIdCardOcrService.APP_SECRET, WeChatTestServer.APP_SECRET);
        runner.setProperty(service, WeChatIdCardOcrService.ENDPOINT_URL, endpointUrl);
        runner.setProperty(service, HttpClientProperties.RETRY_BACKOFF, "1 ms");
        runner.setProperty(service, HttpClientProperties.READ_TIMEOUT, "5 secs");
        runner.setProperty(service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, "1000");
        serviceProperties.forEach((descriptor, value) -> runner.setProperty(service, descriptor, value));
        runner.enableControllerService(service);
        runner.setProperty(SignAndRecognizeIdCard.OCR_SERVICE, SERVICE_ID);
        return runner;
    }

    public static WeChatIdCardOcrService service(final TestRunner runner) {
        return (WeChatIdCardOcrService) runner.getControllerService(SERVICE_ID);
    }
}

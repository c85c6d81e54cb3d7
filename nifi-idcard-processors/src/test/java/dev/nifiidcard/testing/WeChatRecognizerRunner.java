package dev.nifiidcard.testing;

import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.wechat.WeChatIdCardOcrService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.TestRunner;

import java.util.Map;

/** A SignAndRecognizeIdCard runner wired to a WeChatIdCardOcrService that talks to a local WeChat endpoint. */
public final class WeChatRecognizerRunner {

    public static final String SERVICE_ID = "wechat-ocr";
    /** The credentials the service is given. */
    public static final Map<PropertyDescriptor, String> CREDENTIALS = Map.of(
            WeChatIdCardOcrService.APP_ID, WeChatTestServer.APP_ID,
            WeChatIdCardOcrService.APP_SECRET, WeChatTestServer.APP_SECRET);

    private WeChatRecognizerRunner() {
    }

    public static TestRunner create(final WeChatTestServer server) {
        return create(server.url(), Map.of());
    }

    /** With service properties overriding the test defaults (short timeouts, a rate limit out of the way). */
    public static TestRunner create(final WeChatTestServer server, final Map<PropertyDescriptor, String> serviceProperties) {
        return create(server.url(), serviceProperties);
    }

    /** Against any endpoint URL, for endpoints other than {@link WeChatTestServer}. */
    public static TestRunner create(final String endpointUrl, final Map<PropertyDescriptor, String> serviceProperties) {
        return ServiceRunner.create(new SignAndRecognizeIdCard(), SERVICE_ID, new WeChatIdCardOcrService(), CREDENTIALS,
                WeChatIdCardOcrService.ENDPOINT_URL, endpointUrl, serviceProperties);
    }

    public static WeChatIdCardOcrService service(final TestRunner runner) {
        return (WeChatIdCardOcrService) runner.getControllerService(SERVICE_ID);
    }
}

package dev.nifiidcard.wechat;

import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.testing.ServiceRunner;
import dev.nifiidcard.testing.WeChatRecognizerRunner;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static dev.nifiidcard.testing.Verification.assertOutcomes;
import static dev.nifiidcard.testing.Verification.closedPort;
import static dev.nifiidcard.testing.WeChatTestServer.error;
import static dev.nifiidcard.testing.WeChatTestServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verify, the checks on the configuration, the transit URI and the image limits. */
class WeChatConfigurationTest extends WeChatServiceTest {

    /** The sample holds no card: an image refusal proves the token and the account good, other answers say what is wrong. */
    @ParameterizedTest
    @CsvSource({
            "101001, SUCCESSFUL",
            "101002, SUCCESSFUL",
            "45009, FAILED",
            "101003, FAILED",
            "-1, SKIPPED"
    })
    void verifyJudgesTheAnswerToTheSample(final int errcode, final Outcome authenticate) {
        server.setFallback(call -> ok(error(errcode, "answer to the sample")));
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of());
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(runner);
        runner.disableControllerService(service);

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, authenticate);
        assertTrue(results.get(1).getExplanation().contains(Integer.toString(errcode)), results.get(1).getExplanation());
        assertEquals(1, server.tokenCalls().size(), "verify fetches a token with the edited properties");
        assertEquals(1, server.calls().size(), "and makes exactly one recognition with it, no retries");
        assertNull(server.calls().getFirst().refusal(), "with the token just issued");
    }

    @Test
    void verifyReportsARecognizedSample() {
        final TestRunner runner = WeChatRecognizerRunner.create(server);
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(runner);
        runner.disableControllerService(service);

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, Outcome.SUCCESSFUL);
        assertTrue(results.get(1).getExplanation().startsWith("Credentials accepted"), results.get(1).getExplanation());
    }

    @Test
    void verifyReportsRefusedCredentials() {
        final TestRunner runner = WeChatRecognizerRunner.create(server);
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, WeChatIdCardOcrService.APP_SECRET, "wrongSecret0000SECRET");

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, Outcome.FAILED);
        assertTrue(results.get(1).getExplanation().startsWith("40125: WeChat refused the App Secret"), results.get(1).getExplanation());
        assertFalse(results.toString().contains("wrongSecret0000SECRET"));
        assertTrue(server.calls().isEmpty(), "no recognition without a token");
    }

    @Test
    void verifyReportsAnUnreachableEndpoint() throws Exception {
        final TestRunner runner = WeChatRecognizerRunner.create(server);
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, WeChatIdCardOcrService.ENDPOINT_URL, "http://127.0.0.1:" + closedPort());

        assertOutcomes(runner.verify(service, Map.of()), Outcome.FAILED, Outcome.SKIPPED);
    }

    @Test
    void processorVerifyRunsOneRecognitionThroughTheService() {
        server.setFallback(call -> ok(error(101001, "certificate not found")));
        final TestRunner runner = WeChatRecognizerRunner.create(server);

        assertOutcomes(runner.verify(Map.of()), Outcome.SUCCESSFUL, Outcome.SUCCESSFUL);
        assertEquals(2, server.requestCount(), "a token and one recognition");
    }

    @Test
    void theTransitUriHasNoQuery() {
        final TestRunner runner = WeChatRecognizerRunner.create(server);
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(runner);

        assertEquals(server.url() + "cv/ocr/idcard", service.getTransitUri());
        assertEquals("wechat", service.getProviderName());
    }

    @Test
    void imageConstraintsFollowWeChatsLimit() {
        final ImageConstraints constraints = WeChatRecognizerRunner.service(WeChatRecognizerRunner.create(server)).getImageConstraints();
        assertEquals(2L * 1024 * 1024 - 1, constraints.maxBytes(), "smaller than 2 MB");
        assertEquals(EnumSet.allOf(ImageFormat.class), constraints.formats());
        assertEquals(160, constraints.minShortSide());
        assertEquals(10_000, constraints.maxLongSide());
    }

    @Test
    void invalidConfigurationIsRefusedUpFront() {
        final TestRunner runner = WeChatRecognizerRunner.create(server);
        final WeChatIdCardOcrService service = WeChatRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.assertValid(service);

        ServiceRunner.invalidEndpointUrls("api.weixin.qq.com", "/cv/ocr/idcard")
                .forEach(url -> assertInvalid(runner, service, WeChatIdCardOcrService.ENDPOINT_URL, url));
        assertInvalid(runner, service, WeChatIdCardOcrService.APP_ID, "   ");
        assertInvalid(runner, service, WeChatIdCardOcrService.APP_SECRET, "   ");
        assertInvalid(runner, service, WeChatIdCardOcrService.IMAGE_TYPE, "selfie");
        assertInvalid(runner, service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, "0");
        assertInvalid(runner, service, HttpClientProperties.READ_TIMEOUT, "0 secs");

        runner.removeProperty(service, WeChatIdCardOcrService.ENDPOINT_URL);
        runner.removeProperty(service, HttpClientProperties.MAX_REQUESTS_PER_SECOND);
        runner.assertValid(service);
        assertEquals("https://api.weixin.qq.com", WeChatIdCardOcrService.ENDPOINT_URL.getDefaultValue());
        assertEquals("photo", WeChatIdCardOcrService.IMAGE_TYPE.getDefaultValue());
        assertEquals("20", HttpClientProperties.MAX_REQUESTS_PER_SECOND.getDefaultValue());
    }

    private static void assertInvalid(final TestRunner runner, final WeChatIdCardOcrService service,
                                      final PropertyDescriptor property, final String value) {
        ServiceRunner.assertInvalid(runner, service, property, value, WeChatRecognizerRunner.CREDENTIALS);
    }
}

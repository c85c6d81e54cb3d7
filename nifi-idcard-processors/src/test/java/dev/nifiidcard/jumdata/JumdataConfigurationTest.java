package dev.nifiidcard.jumdata;

import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.testing.JumdataRunner;
import dev.nifiidcard.testing.JumdataTestServer;
import dev.nifiidcard.testing.ServiceRunner;
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

import static dev.nifiidcard.testing.JumdataTestServer.error;
import static dev.nifiidcard.testing.JumdataTestServer.json;
import static dev.nifiidcard.testing.JumdataTestServer.noCard;
import static dev.nifiidcard.testing.JumdataTestServer.ok;
import static dev.nifiidcard.testing.Verification.assertOutcomes;
import static dev.nifiidcard.testing.Verification.closedPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verify, the checks on the configuration, and the image limits. */
class JumdataConfigurationTest extends JumdataServiceTest {

    // ---- verify ----

    /** The sample holds no card: Jumdata's answer for it proves the credentials good, or says what is wrong. */
    @ParameterizedTest
    @CsvSource({
            "200, SUCCESSFUL",
            "301, SUCCESSFUL",
            "601, FAILED",
            "603, FAILED",
            "607, FAILED",
            "609, SKIPPED",
            "500, SKIPPED",
            // a wrong API address does not heal by trying again: a finding, not a skip
            "404, FAILED",
            "999, FAILED"
    })
    void verifyJudgesTheAnswerToTheSample(final int code, final Outcome authenticate) {
        server.setFallback(call -> code == 200 ? ok(noCard()) : json(error(code, "answer to the sample")));
        final TestRunner runner = JumdataRunner.create(server, Map.of());
        final JumdataIdCardOcrService service = JumdataRunner.service(runner);
        runner.disableControllerService(service);

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, authenticate);
        if (code != 200) {
            assertTrue(results.get(1).getExplanation().contains(Integer.toString(code)), results.get(1).getExplanation());
        }
        assertEquals(1, server.requestCount(), "verify makes exactly one call, without retries");
        final JumdataTestServer.Call call = server.calls().getFirst();
        assertNull(call.refusal(), "verify sends a real signed request");
        assertEquals("idcard.jpg", call.form().fileName());
    }

    @Test
    void verifyReportsAWrongSecretAsACredentialsFailure() {
        final TestRunner runner = JumdataRunner.create(server);
        final JumdataIdCardOcrService service = JumdataRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, JumdataIdCardOcrService.APP_SECRET, "wrongSecret0000SECRET");

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, Outcome.FAILED);
        assertEquals("400: sign签名错误", results.get(1).getExplanation());
        assertFalse(results.toString().contains("wrongSecret0000SECRET"));
        assertFalse(results.toString().contains(server.calls().getFirst().field("sign")));
    }

    @Test
    void verifyReportsAnUnreachableEndpoint() throws Exception {
        final TestRunner runner = JumdataRunner.create(server);
        final JumdataIdCardOcrService service = JumdataRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, JumdataIdCardOcrService.ENDPOINT_URL, "http://127.0.0.1:" + closedPort());

        assertOutcomes(runner.verify(service, Map.of()), Outcome.FAILED, Outcome.SKIPPED);
    }

    @Test
    void processorVerifyRunsOneRecognitionThroughTheService() {
        server.setFallback(call -> ok(noCard()));
        final TestRunner runner = JumdataRunner.create(server);

        assertOutcomes(runner.verify(Map.of()), Outcome.SUCCESSFUL, Outcome.SUCCESSFUL);
        assertEquals(1, server.requestCount());
    }

    // ---- configuration ----

    @Test
    void invalidConfigurationIsRefusedUpFront() {
        final TestRunner runner = JumdataRunner.create(server);
        final JumdataIdCardOcrService service = JumdataRunner.service(runner);
        runner.disableControllerService(service);
        runner.assertValid(service);

        ServiceRunner.invalidEndpointUrls("api.jumdata.com", "/ocr/idcard-v1")
                .forEach(url -> assertInvalid(runner, service, JumdataIdCardOcrService.ENDPOINT_URL, url));
        assertInvalid(runner, service, JumdataIdCardOcrService.APP_ID, "   ");
        assertInvalid(runner, service, JumdataIdCardOcrService.APP_SECRET, "   ");
        assertInvalid(runner, service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, "0");
        assertInvalid(runner, service, HttpClientProperties.READ_TIMEOUT, "0 secs");

        runner.removeProperty(service, JumdataIdCardOcrService.APP_SECRET);
        runner.assertNotValid(service);
    }

    @Test
    void theDefaultEndpointIsJumdatas() {
        assertEquals("https://api.jumdata.com", JumdataIdCardOcrService.ENDPOINT_URL.getDefaultValue());
        assertTrue(JumdataIdCardOcrService.APP_SECRET.isSensitive());
    }

    @Test
    void imageConstraintsAreJumdatasLimits() {
        final TestRunner runner = JumdataRunner.create(server);
        final var constraints = JumdataRunner.service(runner).getImageConstraints();
        assertEquals(EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG), constraints.formats(), "no BMP");
        assertEquals(2 * 1024 * 1024, constraints.maxBytes());
        assertEquals(9, constraints.minShortSide(), "more than 8 px");
        assertEquals(4000, constraints.maxLongSide());
        assertEquals("jumdata", JumdataRunner.service(runner).getProviderName());
        assertEquals(server.url() + "ocr/idcard-v1", JumdataRunner.service(runner).getTransitUri());
    }

    private static void assertInvalid(final TestRunner runner, final JumdataIdCardOcrService service,
                                      final PropertyDescriptor property, final String value) {
        ServiceRunner.assertInvalid(runner, service, property, value, JumdataRunner.CREDENTIALS);
    }
}

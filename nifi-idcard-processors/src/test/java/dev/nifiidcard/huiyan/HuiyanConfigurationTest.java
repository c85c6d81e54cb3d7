package dev.nifiidcard.huiyan;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageFormat;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.provider.http.Base64JsonImageBody;
import dev.nifiidcard.testing.HuiyanRecognizerRunner;
import dev.nifiidcard.testing.HuiyanTestServer;
import dev.nifiidcard.testing.ServiceRunner;
import dev.nifiidcard.testing.TestImages;
import dev.nifiidcard.testing.ThreadAllocation;
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

import static dev.nifiidcard.testing.HuiyanTestServer.error;
import static dev.nifiidcard.testing.Verification.assertOutcomes;
import static dev.nifiidcard.testing.Verification.closedPort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verify, the checks on the configuration, and the image limits. */
class HuiyanConfigurationTest extends HuiyanServiceTest {

    // ---- verify ----

    /** The sample holds no card: the answer to it says whether the sign and the account are good. */
    @ParameterizedTest
    @CsvSource({
            "图片中未检测到身份证, SUCCESSFUL",
            "账户余额不足, FAILED",
            "请求频率过高, SKIPPED",
            "服务暂不可用, SKIPPED",
            // an answer in no known wording is shown as a failure, with Huiyan's code and message to act on
            "一个没有见过的回答, FAILED"
    })
    void verifyObtainsATicketAndJudgesTheAnswerToTheSample(final String answer, final Outcome authenticate) {
        server.setFallback(call -> error("123456", answer));
        final TestRunner runner = HuiyanRecognizerRunner.create(server, Map.of());
        final TencentHuiyanIdCardOcrService service = HuiyanRecognizerRunner.service(runner);
        runner.disableControllerService(service);

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertEquals(List.of("Reach Endpoint", TencentHuiyanIdCardOcrService.TICKET_STEP, "Authenticate"),
                results.stream().map(ConfigVerificationResult::getVerificationStepName).toList());
        assertOutcomes(results, Outcome.SUCCESSFUL, Outcome.SUCCESSFUL, authenticate);
        assertTrue(results.get(2).getExplanation().contains("123456"), results.get(2).getExplanation());
        assertNull(server.calls().getFirst().refusal(), "verify signs a real call");
        assertEquals(1, server.calls().size(), "verify makes exactly one recognition call, without retries");
        assertEquals(1, server.tokenFetches());
        assertEquals(1, server.ticketFetches());
    }

    @Test
    void verifyReportsARecognizedSample() {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final TencentHuiyanIdCardOcrService service = HuiyanRecognizerRunner.service(runner);
        runner.disableControllerService(service);

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, Outcome.SUCCESSFUL, Outcome.SUCCESSFUL);
    }

    @Test
    void verifyReportsRefusedCredentials() {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final TencentHuiyanIdCardOcrService service = HuiyanRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, TencentHuiyanIdCardOcrService.SECRET, "wrongSecret0000");

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.SUCCESSFUL, Outcome.FAILED);
        assertTrue(results.get(1).getExplanation().startsWith(HuiyanTestServer.BAD_CREDENTIALS + ": Access token refused"),
                results.get(1).getExplanation());
        assertFalse(results.toString().contains("wrongSecret0000"));
        assertEquals(List.of(), server.calls());
    }

    @Test
    void verifyReportsAnUnreachableEndpoint() throws Exception {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final TencentHuiyanIdCardOcrService service = HuiyanRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, TencentHuiyanIdCardOcrService.ENDPOINT_URL, "http://127.0.0.1:" + closedPort());

        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertOutcomes(results, Outcome.FAILED, Outcome.SKIPPED);
        assertTrue(results.getFirst().getExplanation().contains("Transport.ConnectFailed"), results.getFirst().getExplanation());
    }

    // ---- configuration and limits ----

    @Test
    void invalidConfigurationIsRefusedUpFront() {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final TencentHuiyanIdCardOcrService service = HuiyanRecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.assertValid(service);

        ServiceRunner.invalidEndpointUrls("miniprogram-kyc.tencentcloudapi.com", "/api/")
                .forEach(url -> assertInvalid(runner, service, TencentHuiyanIdCardOcrService.ENDPOINT_URL, url));
        assertInvalid(runner, service, TencentHuiyanIdCardOcrService.APP_ID, "IDA-test");
        assertInvalid(runner, service, TencentHuiyanIdCardOcrService.APP_ID, " ");
        assertInvalid(runner, service, TencentHuiyanIdCardOcrService.SECRET, "   ");
        assertInvalid(runner, service, TencentHuiyanIdCardOcrService.USER_ID_PROPERTY, "user 1");
        assertInvalid(runner, service, TencentHuiyanIdCardOcrService.USER_ID_PROPERTY, "user@example");
        assertInvalid(runner, service, TencentHuiyanIdCardOcrService.USER_ID_PROPERTY, "u".repeat(33));
        assertInvalid(runner, service, TencentHuiyanIdCardOcrService.GET_NATIVE_PLACE, "yes");
        assertInvalid(runner, service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, "0");
        assertInvalid(runner, service, HttpClientProperties.READ_TIMEOUT, "0 secs");

        runner.setProperty(service, TencentHuiyanIdCardOcrService.USER_ID_PROPERTY, "User2026");
        runner.assertValid(service);
        runner.setProperty(service, TencentHuiyanIdCardOcrService.ENDPOINT_URL, "https://miniprogram-kyc.tencentcloudapi.com/");
        runner.assertValid(service);
    }

    @Test
    void imageConstraintsFollowHuiyansTwentyMegabyteBase64() {
        final TestRunner runner = HuiyanRecognizerRunner.create(server);
        final var constraints = HuiyanRecognizerRunner.service(runner).getImageConstraints();

        assertEquals(EnumSet.allOf(ImageFormat.class), constraints.formats());
        assertEquals(15_728_640, constraints.maxBytes());
        assertTrue(Base64JsonImageBody.base64Length(constraints.maxBytes()) <= 20_971_520);
        assertTrue(Base64JsonImageBody.base64Length(constraints.maxBytes() + 1) > 20_971_520, "the limit is exact");
        assertEquals("tencent-huiyan", HuiyanRecognizerRunner.service(runner).getProviderName());
        assertEquals(server.url() + "api/paas/idcardocrapp", HuiyanRecognizerRunner.service(runner).getTransitUri());
    }

    /**
     * A guard on the streaming design: sending an image of more than 7 MB must allocate far less than the image on the
     * calling thread, which writes the request body. The endpoint runs on the JDK's HTTP server, which does not share
     * Okio's segment pool with the client.
     */
    @Test
    void largeImageIsStreamedNotHeld() throws Exception {
        final byte[] image = TestImages.noisePng(1580, 1580, 7);
        assertTrue(image.length > 7 * 1024 * 1024, "image has " + image.length + " bytes");
        try (HuiyanTestServer plain = HuiyanTestServer.onJdkHttpServer()) {
            final TestRunner runner = HuiyanRecognizerRunner.create(plain);
            // the first call pays one-off costs (class loading, token, ticket, connection, buffer pools)
            recognize(runner, image, AUTO);

            final ThreadAllocation.Measured<IdCardRecognition> measured = ThreadAllocation.measure(() -> recognize(runner, image, AUTO));
            final IdCardRecognition recognition = measured.result();

            assertNull(plain.calls().getLast().refusal());
            assertEquals(CardSide.FRONT, recognition.side());
            assertArrayEquals(image, plain.calls().getLast().image(), "the endpoint received the image byte for byte");
            measured.assertFarLessThan(image);
        }
    }

    private static void assertInvalid(final TestRunner runner, final TencentHuiyanIdCardOcrService service,
                                      final PropertyDescriptor property, final String value) {
        ServiceRunner.assertInvalid(runner, service, property, value, HuiyanRecognizerRunner.CREDENTIALS);
    }
}

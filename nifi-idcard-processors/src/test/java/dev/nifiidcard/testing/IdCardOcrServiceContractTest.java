package dev.nifiidcard.testing;

import dev.nifiidcard.image.ImagePreflight;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardOcrException.Category;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardOcrService;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.provider.AbstractIdCardOcrService;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.provider.Pacer;
import dev.nifiidcard.provider.RecognitionVerifier;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.MockPropertyConfiguration;
import org.apache.nifi.util.PropertyMigrationResult;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static dev.nifiidcard.testing.Verification.closedPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link IdCardOcrService} provider shares, run against the provider's own test server, which
 * checks what the provider checks (signatures, tokens). A provider's subclass says only how to start that server and
 * configure the service against it; a new provider extends this class and inherits these tests.
 */
public abstract class IdCardOcrServiceContractTest {

    /** The card every test server answers by default: 李明, born 1987-01-01. */
    private static final String CARD_NUMBER = "440524198701010014";
    private static final String WRONG_SECRET = "wrongSecret0000CONTRACT";
    private static final String SERVICE_ID = "contract";
    private static final RecognitionRequest ANY_SIDE = new RecognitionRequest(null, EnumSet.noneOf(CardWarning.class), false, false, false);
    private static final byte[] JPEG = TestImages.jpeg(640, 400);

    /** Starts a provider's test server. */
    @FunctionalInterface
    public interface ServerStarter {
        ScriptedTestServer<?, ?> start() throws IOException;
    }

    /**
     * What differs between providers.
     *
     * @param server      starts the provider's test server, answering every recognition with the front of the card above
     * @param service     a new, not yet added, instance of the provider's service
     * @param credentials the credential properties and the values the test server accepts
     * @param secret      the credential property holding the secret, which the test server refuses when wrong
     * @param endpointUrl the Endpoint URL property
     * @param apiPath     the path of the provider's API under its endpoint, which the Endpoint URL must not hold
     * @param throttled   the provider's answer asking the caller to slow down, as its test server sends it
     */
    public record Provider(ServerStarter server, Supplier<IdCardOcrService> service, Map<PropertyDescriptor, String> credentials,
                           PropertyDescriptor secret, PropertyDescriptor endpointUrl, String apiPath, Supplier<MockResponse> throttled) {
    }

    private final Provider provider;
    private ScriptedTestServer<?, ?> server;

    protected IdCardOcrServiceContractTest(final Provider provider) {
        this.provider = provider;
    }

    @BeforeEach
    void startProviderServer() throws IOException {
        server = provider.server().start();
    }

    @AfterEach
    void stopProviderServer() {
        server.close();
    }

    // ---- recognition ----

    @Test
    void recognizesTheFrontOfACard() throws IdCardOcrException {
        final IdCardOcrService service = enabledService(Map.of());
        final IdCardRecognition recognition = service.recognize(ImageSource.of(JPEG), ANY_SIDE);

        assertEquals(CardSide.FRONT, recognition.side());
        assertEquals(CARD_NUMBER, recognition.fields().number());
        assertFalse(service.getProviderName().isBlank());
        // the name is what attributes and provenance carry: the same whichever instance, enabled or not
        assertEquals(service.getProviderName(), provider.service().get().getProviderName());
    }

    @Test
    void theTransitUriHoldsNoCredentialAndNoQuery() {
        final String transitUri = enabledService(Map.of()).getTransitUri();

        final HttpUrl url = HttpUrl.get(transitUri);
        assertNull(url.query(), transitUri);
        assertTrue(url.username().isEmpty() && url.password().isEmpty(), transitUri);
        assertTrue(transitUri.startsWith(server.url()), transitUri);
        provider.credentials().values().forEach(value -> assertFalse(transitUri.contains(value), transitUri));
    }

    @Test
    void aServiceThatIsNotEnabledRefusesToWork() {
        final TestRunner runner = runner(Map.of());
        final IdCardOcrService disabled = service(runner);
        runner.disableControllerService(disabled);

        for (final IdCardOcrService service : List.of(disabled, provider.service().get())) {
            assertThrows(IllegalStateException.class, () -> service.recognize(ImageSource.of(JPEG), ANY_SIDE));
            assertThrows(IllegalStateException.class, service::getTransitUri);
            assertThrows(IllegalStateException.class, service::getImageConstraints);
        }
        assertEquals(0, server.requestCount());
    }

    /** The processor checks images against the constraints before any paid call: they must let a good image through. */
    @Test
    void theImageConstraintsAcceptAnImageTheProviderRecognizes() throws Exception {
        final IdCardOcrService service = enabledService(Map.of());
        ImagePreflight.check(new ByteArrayInputStream(JPEG), JPEG.length, service.getImageConstraints());

        assertEquals(CardSide.FRONT, service.recognize(ImageSource.of(JPEG), ANY_SIDE).side());
    }

    // ---- failures ----

    @Test
    void aRefusedSecretIsACredentialsFailureThatIsNotRetried() {
        final IdCardOcrService service = enabledService(Map.of(provider.secret(), WRONG_SECRET));

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> service.recognize(ImageSource.of(JPEG), ANY_SIDE));
        assertEquals(Category.CREDENTIALS, e.getCategory(), e.getCode() + ": " + e.getMessage());
        assertFalse(e.isRetryable());
        assertEquals(1, server.requestCount(), "one refused request");
        assertNoSecretIn(e.getMessage());
    }

    /**
     * A gateway or proxy page in front of the provider, not its API's answer: one request, and a retryable Transport
     * failure that is not an answer lost (the page is an answer), so that the processor routes it to retry.
     */
    @Test
    void anHttp503PageIsOneRequestAndARetryableTransportFailure() {
        answerEveryCall(server, () -> ScriptedTestServer.raw(503, "text/html", "<html><body>503 Service Unavailable</body></html>"));
        final IdCardOcrService service = enabledService(Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> service.recognize(ImageSource.of(JPEG), ANY_SIDE));
        assertEquals("Transport.HTTP503", e.getCode());
        assertEquals(Category.TRANSPORT, e.getCategory());
        assertTrue(e.isRetryable());
        assertFalse(e.isAnswerLost(), "answered by the gateway: sending it again later cannot be billed twice");
        assertEquals(1, server.calls().size(), "one attempt, no retry within the call");
    }

    /**
     * Throttled: one request and a retryable THROTTLED failure, nothing retried within the call. The caller's next
     * attempt (NiFi's retry of the FlowFile) is a new request, signed anew and accepted by the server, and recognizes.
     */
    @Test
    void aThrottledCallIsOneRequestAndTheNextAttemptIsRecognized() throws IdCardOcrException {
        server.then(provider.throttled().get());
        final IdCardOcrService service = enabledService(Map.of());

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> service.recognize(ImageSource.of(JPEG), ANY_SIDE));
        assertEquals(Category.THROTTLED, e.getCategory(), e.getCode() + ": " + e.getMessage());
        assertTrue(e.isRetryable());
        assertFalse(e.isAnswerLost());
        assertEquals(1, server.calls().size(), "no retry within the call");

        final IdCardRecognition recognition = service.recognize(ImageSource.of(JPEG), ANY_SIDE);
        assertEquals(CardSide.FRONT, recognition.side());
        assertEquals(CARD_NUMBER, recognition.fields().number());
        assertEquals(2, server.calls().size(), "the next attempt is one new request");
    }

    /** A provider that keeps throttling: every attempt is exactly one request and the same retryable THROTTLED failure. */
    @Test
    void aProviderThatKeepsThrottlingCostsOneRequestPerAttempt() {
        answerEveryCall(server, provider.throttled());
        final IdCardOcrService service = enabledService(Map.of());

        for (int attempt = 1; attempt <= 3; attempt++) {
            final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> service.recognize(ImageSource.of(JPEG), ANY_SIDE));
            assertEquals(Category.THROTTLED, e.getCategory(), e.getCode() + ": " + e.getMessage());
            assertTrue(e.isRetryable());
            assertEquals(attempt, server.calls().size());
        }
    }

    /**
     * No call of the service's rate limit free within {@link AbstractIdCardOcrService#PERMIT_WAIT}: RATE_LIMITED at
     * once, retryable, and nothing read or sent, neither a recognition nor a credential request. Max Requests Per Second
     * 0.1 is one call every 10 s: the first recognition takes it, the next call is 10 s away.
     */
    @Test
    void withNoCallOfTheRateLimitFreeNothingIsReadOrSent() throws IdCardOcrException {
        final IdCardOcrService service = enabledService(Map.of(HttpClientProperties.MAX_REQUESTS_PER_SECOND, "0.1"));
        assertEquals(CardSide.FRONT, service.recognize(ImageSource.of(JPEG), ANY_SIDE).side());
        final int requests = server.requestCount();
        final AtomicInteger opened = new AtomicInteger();
        final ImageSource counted = new ImageSource() {
            @Override
            public long length() {
                return JPEG.length;
            }

            @Override
            public InputStream open() {
                opened.incrementAndGet();
                return new ByteArrayInputStream(JPEG);
            }
        };

        final IdCardOcrException e = assertThrows(IdCardOcrException.class, () -> service.recognize(counted, ANY_SIDE));
        assertEquals(Category.RATE_LIMITED, e.getCategory(), e.getCode() + ": " + e.getMessage());
        assertEquals(Pacer.RATE_LIMITED, e.getCode());
        assertTrue(e.isRetryable());
        assertFalse(e.isAnswerLost());
        assertNull(e.getRequestId());
        assertEquals(0, opened.get(), "the image was not even read");
        assertEquals(requests, server.requestCount(), "nothing was sent");
        assertEquals(1, server.calls().size());
    }

    // ---- verify ----

    @Test
    void verifyAgainstTheProviderSucceeds() {
        final List<ConfigVerificationResult> results = verify(Map.of());

        assertEquals(RecognitionVerifier.REACH_STEP, results.getFirst().getVerificationStepName());
        assertEquals(RecognitionVerifier.AUTHENTICATE_STEP, results.getLast().getVerificationStepName());
        results.forEach(result -> assertEquals(Outcome.SUCCESSFUL, result.getOutcome(), results.toString()));
    }

    @Test
    void verifyAgainstAClosedPortFailsToReachTheEndpoint() throws IOException {
        final List<ConfigVerificationResult> results = verify(Map.of(provider.endpointUrl(), "http://127.0.0.1:" + closedPort()));

        assertEquals(RecognitionVerifier.REACH_STEP, results.getFirst().getVerificationStepName());
        assertEquals(Outcome.FAILED, results.getFirst().getOutcome(), results.toString());
        assertTrue(results.stream().noneMatch(result -> result.getOutcome() == Outcome.SUCCESSFUL), results.toString());
    }

    @Test
    void verifyWithAWrongSecretFails() {
        final List<ConfigVerificationResult> results = verify(Map.of(provider.secret(), WRONG_SECRET));

        assertTrue(results.stream().anyMatch(result -> result.getOutcome() == Outcome.FAILED), results.toString());
        assertNoSecretIn(results.toString());
    }

    // ---- configuration ----

    @Test
    void anEndpointUrlWithAPathQueryOrCredentialsMakesTheServiceInvalid() {
        final TestRunner runner = runner(Map.of());
        final IdCardOcrService service = service(runner);
        runner.disableControllerService(service);
        final String host = HttpUrl.get(provider.endpointUrl().getDefaultValue()).host();

        ServiceRunner.invalidEndpointUrls(host, provider.apiPath())
                .forEach(url -> ServiceRunner.assertInvalid(runner, service, provider.endpointUrl(), url, provider.credentials()));
    }

    /**
     * A flow saved before the processor took over retrying names the service's retry properties: migrating removes
     * those three and nothing else, and what is left configures a valid service that recognizes (the saved
     * configuration as it was is not valid: the properties are no longer supported).
     */
    @Test
    void migrationRemovesTheRetryPropertiesOfEarlierVersions() throws Exception {
        final Map<String, String> saved = new HashMap<>();
        provider.credentials().forEach((property, value) -> saved.put(property.getName(), value));
        saved.put(provider.endpointUrl().getName(), server.url());
        saved.put(HttpClientProperties.MAX_REQUESTS_PER_SECOND.getName(), "1000");
        saved.put(HttpClientProperties.READ_TIMEOUT.getName(), "5 secs");
        final Map<String, String> kept = Map.copyOf(saved);
        saved.putAll(Map.of("Max Retries", "3", "Retry Backoff", "1 sec", "Retry After Answer Lost", "true"));

        final MockPropertyConfiguration config = new MockPropertyConfiguration(saved);
        provider.service().get().migrateProperties(config);
        final PropertyMigrationResult result = config.toPropertyMigrationResult();
        assertEquals(Set.of("Max Retries", "Retry Backoff", "Retry After Answer Lost"), result.getPropertiesRemoved());
        assertEquals(Map.of(), result.getPropertiesRenamed());
        assertEquals(Set.of(), result.getPropertiesUpdated());
        assertEquals(Set.of(), result.getCreatedControllerServices());
        assertEquals(kept, config.getRawProperties());

        final TestRunner old = TestRunners.newTestRunner(new SignAndRecognizeIdCard());
        final IdCardOcrService unmigrated = provider.service().get();
        old.addControllerService(SERVICE_ID, unmigrated, saved);
        old.assertNotValid(unmigrated);

        final TestRunner migrated = TestRunners.newTestRunner(new SignAndRecognizeIdCard());
        final IdCardOcrService service = provider.service().get();
        migrated.addControllerService(SERVICE_ID, service, config.getRawProperties());
        migrated.assertValid(service);
        migrated.enableControllerService(service);
        assertEquals(CardSide.FRONT, service.recognize(ImageSource.of(JPEG), ANY_SIDE).side());
    }

    // ---- helpers ----

    /** A runner with the provider's service enabled against its test server, the given properties overriding. */
    private TestRunner runner(final Map<PropertyDescriptor, String> serviceProperties) {
        return ServiceRunner.create(new SignAndRecognizeIdCard(), SERVICE_ID, provider.service().get(), provider.credentials(),
                provider.endpointUrl(), server.url(), serviceProperties);
    }

    private IdCardOcrService enabledService(final Map<PropertyDescriptor, String> serviceProperties) {
        return service(runner(serviceProperties));
    }

    private static IdCardOcrService service(final TestRunner runner) {
        return (IdCardOcrService) runner.getControllerService(SERVICE_ID);
    }

    /** Verify of the disabled service, as the properties being edited would configure it. */
    private List<ConfigVerificationResult> verify(final Map<PropertyDescriptor, String> edited) {
        final TestRunner runner = runner(Map.of());
        final IdCardOcrService service = service(runner);
        runner.disableControllerService(service);
        edited.forEach((property, value) -> runner.setProperty(service, property, value));
        return runner.verify(service, Map.of());
    }

    /** Neither the secret the server accepts nor the wrong one tried, nor any other sensitive credential. */
    private void assertNoSecretIn(final String text) {
        final Map<PropertyDescriptor, String> secrets = new HashMap<>(provider.credentials());
        secrets.keySet().removeIf(property -> !property.isSensitive());
        secrets.values().forEach(value -> assertFalse(text.contains(value), text));
        assertFalse(text.contains(WRONG_SECRET), text);
    }

    /** Every accepted call from now on answered with a new response of the supplier. */
    private static <C> void answerEveryCall(final ScriptedTestServer<C, ?> server, final Supplier<MockResponse> response) {
        server.setFallback(call -> response.get());
    }
}

package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardOcrService;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.provider.http.HttpClientFactory;
import okhttp3.OkHttpClient;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.controller.NodeTypeProvider;
import org.apache.nifi.controller.VerifiableControllerService;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.PropertyConfiguration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Everything a provider service shares, so that a provider writes only its {@link ProviderClient}, its properties and
 * its image limits. Enabling builds one OkHttpClient, the provider's client on it and the {@link RateLimiter} (this
 * node's share of the account's quota) and publishes them together; disabling closes the OkHttpClient. A recognition
 * is one attempt: it takes a call of the rate limit first, waiting at most {@link #PERMIT_WAIT} (so that an image is
 * neither read nor signed for a call that cannot be made now), is prepared, and goes through {@link ProviderAttempt}
 * (credential renewed once, secrets redacted). It never backs off or retries: the processor routes what may succeed
 * later. Verify builds a client from the properties being edited, obtains its credential when that proves something,
 * and recognizes the built-in sample once, directly: no rate limit.
 *
 * @param <K> the provider's credential
 */
public abstract class AbstractIdCardOcrService<K> extends AbstractControllerService implements IdCardOcrService, VerifiableControllerService {

    /** Verify's recognition: the sample holds no card, so checks, quality and crops would change nothing. */
    static final RecognitionRequest SAMPLE_REQUEST = new RecognitionRequest(null, EnumSet.noneOf(CardWarning.class), false, false, false);

    /**
     * The longest a recognition waits for a call of the rate limit. Short, so that a thread of NiFi's shared pool is
     * never held for pacing; as long as the processor's default yield, so that the calls a yield lets pass are not lost.
     */
    public static final Duration PERMIT_WAIT = Duration.ofMillis(50);

    /** Properties of earlier versions that are gone: the processor routes retryable failures to its retry relationship. */
    private static final List<String> REMOVED_PROPERTIES = List.of("Max Retries", "Retry Backoff", "Retry After Answer Lost");

    /** Everything built in onEnabled, published at once so that a concurrent disable never shows half of it. */
    private record Active<K>(OkHttpClient http, ProviderClient<K> client, RateLimiter rateLimiter, ImageConstraints constraints) {
    }

    private final String providerLabel;
    private final String providerName;
    private final List<PropertyDescriptor> properties;
    private final ImageConstraints fixedConstraints;
    private static final long MEMBERS_CHECK_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private volatile Clock clock = Clock.systemUTC();
    private volatile int members;
    private volatile long membersCheckedAt;
    private volatile Active<K> active;

    /**
     * @param providerLabel the provider as messages name it, for example {@code Jumdata}
     * @param providerName  the stable provider name, {@link #getProviderName()}
     * @param properties    the supported properties, see {@link #withHttpClientProperties}
     */
    protected AbstractIdCardOcrService(final String providerLabel, final String providerName, final List<PropertyDescriptor> properties) {
        this(providerLabel, providerName, properties, null);
    }

    /**
     * A provider whose image limits do not depend on its properties.
     *
     * @param constraints what the provider accepts
     */
    protected AbstractIdCardOcrService(final String providerLabel, final String providerName, final List<PropertyDescriptor> properties,
                                       final ImageConstraints constraints) {
        this.providerLabel = providerLabel;
        this.providerName = providerName;
        this.properties = properties;
        this.fixedConstraints = constraints;
    }

    /** The provider's own properties, followed by the HTTP client properties every provider service has. */
    protected static List<PropertyDescriptor> withHttpClientProperties(final PropertyDescriptor... providerProperties) {
        return Stream.concat(Stream.of(providerProperties), HttpClientProperties.PROPERTIES.stream()).toList();
    }

    /** The provider's client on the given OkHttpClient, configured from the context. */
    protected abstract ProviderClient<K> createClient(PropertyContext context, OkHttpClient http, ComponentLog log);

    /** What the provider accepts, as configured: the constraints given to the constructor unless overridden. */
    protected ImageConstraints imageConstraints(final PropertyContext context) {
        return Objects.requireNonNull(fixedConstraints, "A provider without fixed image constraints overrides imageConstraints");
    }

    /**
     * The name of Verify's step that obtains the credential, for a credential the provider issues (a token, a
     * ticket); {@code null} for a static key, which only a recognition can prove.
     */
    protected String credentialStep() {
        return null;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) {
        final OkHttpClient http = HttpClientFactory.create(context);
        active = new Active<>(http, createClient(context, http, getLogger()),
                HttpClientProperties.rateLimiter(context, this::sharingNodes),
                imageConstraints(context));
    }

    @OnDisabled
    public void onDisabled() {
        final Active<K> disabled = active;
        active = null;
        if (disabled != null) {
            HttpClientFactory.close(disabled.http());
        }
    }

    @Override
    public IdCardRecognition recognize(final ImageSource image, final RecognitionRequest request) throws IdCardOcrException {
        final Active<K> current = active();
        final Pacer pacer = Pacer.of(current.rateLimiter(), PERMIT_WAIT);
        pacer.awaitSlot();
        final ProviderCall<K> call = current.client().prepare(image, request);
        return ProviderAttempt.recognize(current.http(), providerLabel, current.client().credentials(), call, pacer, getLogger());
    }

    @Override
    public boolean hasCallFreeSoon() {
        return active().rateLimiter().hasSlotWithin(PERMIT_WAIT.toNanos());
    }

    @Override
    public ImageConstraints getImageConstraints() {
        return active().constraints();
    }

    @Override
    public String getProviderName() {
        return providerName;
    }

    @Override
    public String getTransitUri() {
        return active().client().transitUri();
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return properties;
    }

    @Override
    public void migrateProperties(final PropertyConfiguration config) {
        REMOVED_PROPERTIES.forEach(config::removeProperty);
    }

    @Override
    public List<ConfigVerificationResult> verify(final ConfigurationContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> variables) {
        final OkHttpClient http = HttpClientFactory.create(context);
        try {
            final ProviderClient<K> client = createClient(context, http, verificationLogger);
            final String endpoint = client.transitUri();
            if (credentialStep() != null) {
                try {
                    client.credentials().current();
                } catch (final IdCardOcrException e) {
                    return withRateShare(RecognitionVerifier.verify(endpoint, () -> {
                        throw e;
                    }), context);
                }
            }
            final List<ConfigVerificationResult> results = new ArrayList<>(RecognitionVerifier.verify(endpoint, () -> ProviderAttempt.recognize(
                    http, providerLabel, client.credentials(), client.prepare(SampleImage.INSTANCE, SAMPLE_REQUEST),
                    Pacer.NONE, verificationLogger)));
            if (credentialStep() != null) {
                results.add(1, new ConfigVerificationResult.Builder()
                        .verificationStepName(credentialStep())
                        .outcome(ConfigVerificationResult.Outcome.SUCCESSFUL)
                        .explanation("Credentials accepted: " + providerLabel + " issued the " + client.credentials().name())
                        .build());
            }
            return withRateShare(results, context);
        } finally {
            HttpClientFactory.close(http);
        }
    }

    /**
     * The nodes that share the account's quota: the members of the cluster as its coordinator knows them (a node that
     * disconnected counts until it is removed, so its share stays unused meanwhile: never over the quota), else this
     * node alone. Asked at most once a second, since the limiter reads it at every call; a benchmark may override it
     * to simulate a cluster.
     */
    protected int sharingNodes() {
        final long now = System.nanoTime();
        if (now - membersCheckedAt > MEMBERS_CHECK_INTERVAL_NANOS || members == 0) {
            final NodeTypeProvider nodes = getNodeTypeProvider();
            members = nodes != null && nodes.isClustered() ? Math.max(1, nodes.getClusterMembers().size()) : 1;
            membersCheckedAt = now;
        }
        return members;
    }

    /** Verify's first step also says what this node gets of the account's quota. */
    private List<ConfigVerificationResult> withRateShare(final List<ConfigVerificationResult> results, final PropertyContext context) {
        final String quota = context.getProperty(HttpClientProperties.MAX_REQUESTS_PER_SECOND).getValue().trim();
        // the share as the limiter of this configuration would compute it
        final RateLimiter limiter = HttpClientProperties.rateLimiter(context, this::sharingNodes);
        final int nodes = limiter.sharingNodes();
        final ConfigVerificationResult first = results.getFirst();
        final List<ConfigVerificationResult> shared = new ArrayList<>(results);
        shared.set(0, new ConfigVerificationResult.Builder()
                .verificationStepName(first.getVerificationStepName())
                .outcome(first.getOutcome())
                .explanation(first.getExplanation() + ". Max Requests Per Second " + quota + " is the account's quota; this node takes "
                        + String.format(Locale.ROOT, "%.2f", limiter.permitsPerSecond()) + " calls/s of it ("
                        + nodes + (nodes == 1 ? " node)" : " nodes in the cluster)"))
                .build());
        return shared;
    }

    /** Lets tests and simulators move the clock the service signs requests and ages credentials with. */
    public void setClock(final Clock clock) {
        this.clock = clock;
    }

    /** The service's clock, read anew at each use, so that {@link #setClock} reaches clients already built. */
    protected final Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return clock.getZone();
            }

            @Override
            public Clock withZone(final ZoneId zone) {
                return clock.withZone(zone);
            }

            @Override
            public Instant instant() {
                return clock.instant();
            }
        };
    }

    private Active<K> active() {
        final Active<K> current = active;
        if (current == null) {
            throw new IllegalStateException("The " + providerLabel + " ID card OCR service is not enabled");
        }
        return current;
    }
}

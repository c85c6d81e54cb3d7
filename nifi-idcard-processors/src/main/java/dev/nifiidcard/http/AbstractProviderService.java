package dev.nifiidcard.http;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardOcrService;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.provider.RecognitionVerifier;
import okhttp3.OkHttpClient;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.controller.VerifiableControllerService;
import org.apache.nifi.logging.ComponentLog;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The lifecycle every provider service shares. Enabling builds one OkHttpClient, the provider's client on it and a
 * {@link ProviderCallExecutor} (the shared rate limit and retries), and publishes them together; disabling closes the
 * OkHttpClient. Verify builds a client from the properties being edited on a throw-away OkHttpClient, runs the checks
 * and closes it. Subclasses bring their properties, their client, and how they recognize and verify.
 *
 * @param <C> the provider's client
 */
public abstract class AbstractProviderService<C extends ProviderClient> extends AbstractControllerService
        implements IdCardOcrService, VerifiableControllerService {

    /** Everything built in onEnabled, published at once so that a concurrent disable never shows half of it. */
    protected record Active<T>(OkHttpClient http, T client, ProviderCallExecutor executor) {
    }

    private final String serviceName;
    private final String providerName;
    private final List<PropertyDescriptor> properties;
    private volatile Active<C> active;

    /**
     * @param serviceName  the service as errors name it, for example {@code Jumdata ID card OCR}
     * @param providerName the stable provider name, {@link #getProviderName()}
     * @param properties   the supported properties, see {@link #withHttpClientProperties}
     */
    protected AbstractProviderService(final String serviceName, final String providerName, final List<PropertyDescriptor> properties) {
        this.serviceName = serviceName;
        this.providerName = providerName;
        this.properties = properties;
    }

    /** The provider's own properties, followed by the HTTP client properties every provider service has. */
    protected static List<PropertyDescriptor> withHttpClientProperties(final PropertyDescriptor... providerProperties) {
        return Stream.concat(Stream.of(providerProperties), HttpClientProperties.PROPERTIES.stream()).toList();
    }

    /** The provider's client on the given OkHttpClient, configured from the context. */
    protected abstract C createClient(PropertyContext context, OkHttpClient http, ComponentLog log);

    /** One recognition of the built-in sample with the client, directly: no rate limit and no retry. */
    protected abstract IdCardRecognition recognizeSample(PropertyContext context, C client) throws IdCardOcrException;

    /** Reads whatever else the service keeps while enabled; runs before the service is published as enabled. */
    protected void enabled(final ConfigurationContext context) {
    }

    /** Verify's checks with a client built from the properties being edited: by default, one recognition of the sample. */
    protected List<ConfigVerificationResult> verifyWith(final PropertyContext context, final C client) {
        return RecognitionVerifier.verify(client.transitUri(), () -> recognizeSample(context, client));
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) {
        final OkHttpClient http = HttpClientFactory.create(context);
        final Active<C> enabled = new Active<>(http, createClient(context, http, getLogger()),
                new ProviderCallExecutor(HttpClientProperties.rateLimiter(context), HttpClientProperties.retryPolicy(context)));
        enabled(context);
        active = enabled;
    }

    @OnDisabled
    public void onDisabled() {
        final Active<C> disabled = active;
        active = null;
        if (disabled != null) {
            HttpClientFactory.close(disabled.http());
        }
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return properties;
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
    public List<ConfigVerificationResult> verify(final ConfigurationContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> variables) {
        final OkHttpClient verificationHttp = HttpClientFactory.create(context);
        try {
            return verifyWith(context, createClient(context, verificationHttp, verificationLogger));
        } finally {
            HttpClientFactory.close(verificationHttp);
        }
    }

    /** What onEnabled built. */
    protected final Active<C> active() {
        final Active<C> current = active;
        if (current == null) {
            throw new IllegalStateException("The " + serviceName + " service is not enabled");
        }
        return current;
    }
}

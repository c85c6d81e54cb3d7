package dev.nifiidcard.provider;

import dev.nifiidcard.commons.Validators;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxySpec;
import org.apache.nifi.ssl.SSLContextProvider;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** The HTTP and rate properties that every OCR provider service shares, with what they build. */
public final class HttpClientProperties {

    public static final PropertyDescriptor CONNECT_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Connect Timeout")
            .description("Maximum time to establish a connection to the endpoint.")
            .required(true)
            .defaultValue("10 secs")
            .addValidator(StandardValidators.createTimePeriodValidator(1, TimeUnit.MILLISECONDS, 5, TimeUnit.MINUTES))
            .build();

    public static final PropertyDescriptor READ_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Read Timeout")
            .description("Maximum time to wait for the next bytes while sending the image or reading the answer. "
                    + "Never unlimited: a silent endpoint must not hold a task forever. Expired after the whole image was sent, the "
                    + "answer is lost and the provider may have billed it: the processor's Retry After Answer Lost decides.")
            .required(true)
            .defaultValue("30 secs")
            .addValidator(StandardValidators.createTimePeriodValidator(1, TimeUnit.MILLISECONDS, 10, TimeUnit.MINUTES))
            .build();

    public static final PropertyDescriptor CALL_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Call Timeout")
            .description("Maximum time for a whole call: connecting, sending the image and reading the answer. An endpoint "
                    + "that trickles bytes stays within Read Timeout forever; this ends it. Allow for sending the largest image "
                    + "over the slowest link in use.")
            .required(true)
            .defaultValue("2 min")
            .addValidator(StandardValidators.createTimePeriodValidator(1, TimeUnit.SECONDS, 30, TimeUnit.MINUTES))
            .build();

    public static final PropertyDescriptor MAX_REQUESTS_PER_SECOND = new PropertyDescriptor.Builder()
            .name("Max Requests Per Second")
            .description("The account's quota: calls per second across every processor, task and node that uses this service, "
                    + "spaced evenly. In a cluster each node takes its share (the quota divided by the cluster's nodes, "
                    + "recomputed within a second when nodes join or are removed), so keep it at or below the account's quota whatever the cluster's size, "
                    + "and calls are not refused with RequestLimitExceeded. A recognition waits at most 50 ms for its call; when none is "
                    + "free by then nothing is sent, and the FlowFile stays queued while the processor yields. "
                    + "From 0.1 (one call every 10 s) to 10000.")
            .required(true)
            .defaultValue("20")
            .addValidator(Validators.numberInRange(0.1, 10_000))
            .build();

    public static final PropertyDescriptor SSL_CONTEXT_SERVICE = new PropertyDescriptor.Builder()
            .name("SSL Context Service")
            .description("TLS settings for a private endpoint with its own certificate authority or client certificates. "
                    + "Without it the JVM's default trust store is used.")
            .required(false)
            .identifiesControllerService(SSLContextProvider.class)
            .build();

    public static final PropertyDescriptor PROXY_CONFIGURATION_SERVICE =
            ProxyConfiguration.createProxyConfigPropertyDescriptor(ProxySpec.HTTP, ProxySpec.HTTP_AUTH);

    /** The shared properties in the order a service lists them, after its own. */
    public static final List<PropertyDescriptor> PROPERTIES = List.of(
            CONNECT_TIMEOUT,
            READ_TIMEOUT,
            CALL_TIMEOUT,
            MAX_REQUESTS_PER_SECOND,
            SSL_CONTEXT_SERVICE,
            PROXY_CONFIGURATION_SERVICE
    );

    private HttpClientProperties() {
    }

    /** The account's quota shared among {@code nodes}, read at every call. */
    public static RateLimiter rateLimiter(final PropertyContext context, final IntSupplier nodes) {
        return new RateLimiter(Double.parseDouble(context.getProperty(MAX_REQUESTS_PER_SECOND).getValue().trim()), nodes);
    }
}

package dev.nifiidcard.provider;

import dev.nifiidcard.commons.Validators;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxySpec;
import org.apache.nifi.ssl.SSLContextProvider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** The HTTP, rate and retry properties that every OCR provider service shares, with what they build. */
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
                    + "Never unlimited: a silent endpoint must not hold a task forever.")
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
                    + "and calls are not refused with RequestLimitExceeded. From 0.1 (one call every 10 s) to 10000.")
            .required(true)
            .defaultValue("20")
            .addValidator(Validators.numberInRange(0.1, 10_000))
            .build();

    public static final PropertyDescriptor MAX_RETRIES = new PropertyDescriptor.Builder()
            .name("Max Retries")
            .description("How many times a retryable failure (throttling, provider outage, network error) is tried again "
                    + "within one recognition, with exponential backoff and jitter, before the FlowFile goes to failure.")
            .required(true)
            .defaultValue("3")
            .addValidator(StandardValidators.createLongValidator(0, 10, true))
            .build();

    public static final PropertyDescriptor RETRY_BACKOFF = new PropertyDescriptor.Builder()
            .name("Retry Backoff")
            .description("Delay before the first retry; each further retry doubles it, up to 30 seconds, with jitter.")
            .required(true)
            .defaultValue("500 ms")
            .addValidator(StandardValidators.createTimePeriodValidator(1, TimeUnit.MILLISECONDS, 30, TimeUnit.SECONDS))
            .build();

    public static final PropertyDescriptor RETRY_AFTER_ANSWER_LOST = new PropertyDescriptor.Builder()
            .name("Retry After Answer Lost")
            .description("Whether a request that was sent whole but whose answer never came (read timeout, connection "
                    + "dropped after sending) is retried within the call. The provider may already have recognized and "
                    + "billed it, so a retry can be billed twice. When false, the FlowFile goes to failure at once with "
                    + "idcard.error.retryable=true and the flow decides (for example a RetryFlowFile loop).")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
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
            MAX_RETRIES,
            RETRY_BACKOFF,
            RETRY_AFTER_ANSWER_LOST,
            SSL_CONTEXT_SERVICE,
            PROXY_CONFIGURATION_SERVICE
    );

    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

    private HttpClientProperties() {
    }

    /** The account's quota shared among {@code nodes}, read at every call. */
    public static RateLimiter rateLimiter(final PropertyContext context, final IntSupplier nodes) {
        return new RateLimiter(Double.parseDouble(context.getProperty(MAX_REQUESTS_PER_SECOND).getValue().trim()), nodes);
    }

    public static RetryPolicy retryPolicy(final PropertyContext context) {
        return new RetryPolicy(context.getProperty(MAX_RETRIES).asInteger(),
                Duration.ofMillis(context.getProperty(RETRY_BACKOFF).asTimePeriod(TimeUnit.MILLISECONDS)),
                MAX_RETRY_DELAY, context.getProperty(RETRY_AFTER_ANSWER_LOST).asBoolean());
    }
}

package dev.nifiidcard.camera;

import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxySpec;
import org.apache.nifi.ssl.SSLContextProvider;

import java.net.Proxy;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/** The HTTP client of the HTTP Snapshot and MJPEG Stream modes: timeouts, TLS and proxy, as InvokeHTTP has them. */
final class CameraHttpClient {

    /** An HTTP proxy, with or without credentials: what OkHttp tunnels HTTPS through. */
    static final ProxySpec[] PROXY_SPECS = {ProxySpec.HTTP, ProxySpec.HTTP_AUTH};

    private static final String PROXY_AUTHORIZATION = "Proxy-Authorization";

    private CameraHttpClient() {
    }

    static OkHttpClient create(final PropertyContext context) {
        final OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofMillis(context.getProperty(CameraProperties.CONNECT_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)))
                .readTimeout(Duration.ofMillis(context.getProperty(CameraProperties.READ_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)));
        if (context.getProperty(CameraProperties.SSL_CONTEXT_SERVICE).isSet()) {
            final SSLContextProvider tls = context.getProperty(CameraProperties.SSL_CONTEXT_SERVICE).asControllerService(SSLContextProvider.class);
            builder.sslSocketFactory(tls.createContext().getSocketFactory(), tls.createTrustManager());
        }
        final ProxyConfiguration proxy = ProxyConfiguration.getConfiguration(context);
        if (proxy.getProxyType() != Proxy.Type.DIRECT) {
            builder.proxy(proxy.createProxy());
            if (proxy.hasCredential()) {
                final String credential = Credentials.basic(proxy.getProxyUserName(), proxy.getProxyUserPassword());
                // a camera GET has no body, so the 407 of a CONNECT (https) or of the request itself (http) is answered;
                // once, so that refused proxy credentials are not sent in a loop
                builder.proxyAuthenticator((route, response) -> response.request().header(PROXY_AUTHORIZATION) != null
                        ? null
                        : response.request().newBuilder().header(PROXY_AUTHORIZATION, credential).build());
            }
        }
        return builder.build();
    }

    static void validate(final ValidationContext context, final Collection<ValidationResult> results) {
        ProxyConfiguration.validateProxySpec(context, results, PROXY_SPECS);
    }

    static void close(final OkHttpClient client) {
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}

package dev.nifiidcard.provider.http;

import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.ssl.SSLContextProvider;

import java.net.Proxy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

import static dev.nifiidcard.provider.HttpClientProperties.CALL_TIMEOUT;
import static dev.nifiidcard.provider.HttpClientProperties.CONNECT_TIMEOUT;
import static dev.nifiidcard.provider.HttpClientProperties.READ_TIMEOUT;
import static dev.nifiidcard.provider.HttpClientProperties.SSL_CONTEXT_SERVICE;

/** Builds the one OkHttpClient a provider service uses while enabled, and releases it on disable. */
public final class HttpClientFactory {

    private HttpClientFactory() {
    }

    public static OkHttpClient create(final PropertyContext context) {
        final Duration readTimeout = Duration.ofMillis(context.getProperty(READ_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS));
        final OkHttpClient.Builder builder = new OkHttpClient.Builder()
                // a trickling endpoint stays within every per-read timeout: only a bound on the whole call ends it
                .callTimeout(Duration.ofMillis(context.getProperty(CALL_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)))
                .connectTimeout(Duration.ofMillis(context.getProperty(CONNECT_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)))
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                // retries are ours: OkHttp's silent re-send could bill a recognition twice
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                // OkHttp leaves Nagle on: the tail of a streamed body would wait for a delayed ACK (40 ms a call)
                .socketFactory(new NoDelaySocketFactory());

        if (context.getProperty(SSL_CONTEXT_SERVICE).isSet()) {
            final SSLContextProvider sslContextProvider = context.getProperty(SSL_CONTEXT_SERVICE).asControllerService(SSLContextProvider.class);
            final SSLContext sslContext = sslContextProvider.createContext();
            builder.sslSocketFactory(sslContext.getSocketFactory(), sslContextProvider.createTrustManager());
        }

        final ProxyConfiguration proxy = ProxyConfiguration.getConfiguration(context);
        if (proxy.getProxyType() != Proxy.Type.DIRECT) {
            builder.proxy(proxy.createProxy());
            if (proxy.hasCredential()) {
                final String credential = Credentials.basic(proxy.getProxyUserName(), proxy.getProxyUserPassword());
                // https: the CONNECT that opens the tunnel carries no body, so OkHttp may answer the proxy's 407
                builder.proxyAuthenticator((route, response) -> response.request().header("Proxy-Authorization") != null
                        ? null
                        : response.request().newBuilder().header("Proxy-Authorization", credential).build());
                // http: the request itself goes to the proxy, and a one-shot body cannot follow a 407: send it at once
                // (never inside a tunnel, where the header would reach the provider)
                builder.addNetworkInterceptor(chain -> chain.request().isHttps() || chain.connection() == null
                        || chain.connection().route().proxy().type() != Proxy.Type.HTTP
                        ? chain.proceed(chain.request())
                        : chain.proceed(chain.request().newBuilder().header("Proxy-Authorization", credential).build()));
            }
        }
        return builder.build();
    }

    public static void close(final OkHttpClient client) {
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}

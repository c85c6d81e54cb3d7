package dev.nifiidcard.camera;

import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxyConfigurationService;
import org.apache.nifi.ssl.SSLContextProvider;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/** A self-signed HTTPS camera's certificates, and the controller services that trust it or name a proxy. */
final class CameraTlsAndProxy {

    private final HeldCertificate authority = new HeldCertificate.Builder().certificateAuthority(0).build();
    private final HandshakeCertificates cameraSide;
    private final HandshakeCertificates clientSide;

    /** @param hostname the camera's host name, as the processor's Source names it */
    CameraTlsAndProxy(final String hostname) {
        final HeldCertificate camera = new HeldCertificate.Builder().signedBy(authority).addSubjectAlternativeName(hostname).build();
        cameraSide = new HandshakeCertificates.Builder().heldCertificate(camera, authority.certificate()).build();
        clientSide = new HandshakeCertificates.Builder().addTrustedCertificate(authority.certificate()).build();
    }

    /** For the camera's server. */
    HandshakeCertificates cameraCertificates() {
        return cameraSide;
    }

    /** An SSL Context Service trusting the camera's certificate authority only. */
    SSLContextProvider sslContextService() {
        return new TrustingService(clientSide);
    }

    /** A Proxy Configuration Service naming a proxy, with Basic credentials unless they are null. */
    static ProxyConfigurationService proxyService(final Proxy.Type type, final InetSocketAddress proxy, final String user,
                                                  final String password) {
        final ProxyConfiguration configuration = new ProxyConfiguration();
        configuration.setProxyType(type);
        configuration.setProxyServerHost(proxy.getHostString());
        configuration.setProxyServerPort(proxy.getPort());
        configuration.setProxyUserName(user);
        configuration.setProxyUserPassword(password);
        return new ProxyService(configuration);
    }

    static final class TrustingService extends AbstractControllerService implements SSLContextProvider {
        private final HandshakeCertificates trusted;

        private TrustingService(final HandshakeCertificates trusted) {
            this.trusted = trusted;
        }

        @Override
        public SSLContext createContext() {
            return trusted.sslContext();
        }

        @Override
        public Optional<X509ExtendedKeyManager> createKeyManager() {
            return Optional.empty();
        }

        @Override
        public X509TrustManager createTrustManager() {
            return trusted.trustManager();
        }
    }

    static final class ProxyService extends AbstractControllerService implements ProxyConfigurationService {
        private final ProxyConfiguration configuration;

        private ProxyService(final ProxyConfiguration configuration) {
            this.configuration = configuration;
        }

        @Override
        public ProxyConfiguration getConfiguration() {
            return configuration;
        }
    }
}

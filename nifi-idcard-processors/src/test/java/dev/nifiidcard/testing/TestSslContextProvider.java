package dev.nifiidcard.testing;

import okhttp3.tls.HandshakeCertificates;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.ssl.SSLContextProvider;

import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/** An SSL Context Service that trusts the test certificate authority only. */
public class TestSslContextProvider extends AbstractControllerService implements SSLContextProvider {

    private final HandshakeCertificates clientCertificates;

    public TestSslContextProvider(final HandshakeCertificates clientCertificates) {
        this.clientCertificates = clientCertificates;
    }

    @Override
    public SSLContext createContext() {
        return clientCertificates.sslContext();
    }

    @Override
    public Optional<X509ExtendedKeyManager> createKeyManager() {
        return Optional.empty();
    }

    @Override
    public X509TrustManager createTrustManager() {
        return clientCertificates.trustManager();
    }
}

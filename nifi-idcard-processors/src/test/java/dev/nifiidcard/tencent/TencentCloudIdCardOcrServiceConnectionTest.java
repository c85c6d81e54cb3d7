package dev.nifiidcard.tencent;

import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.testing.RecognizerRunner;
import dev.nifiidcard.testing.TencentOcrTestServer;
import dev.nifiidcard.testing.TestImages;
import dev.nifiidcard.testing.TestProxyConfigurationService;
import dev.nifiidcard.testing.TestSslContextProvider;
import mockwebserver3.MockResponse;
import okhttp3.Credentials;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the service reaches Tencent: TLS with an SSL Context Service, proxies, concurrent tasks. */
class TencentCloudIdCardOcrServiceConnectionTest {

    private static final byte[] IMAGE = TestImages.jpeg(800, 500);

    @Test
    void httpsEndpointTrustedThroughTheSslContextService() throws Exception {
        final HeldCertificate authority = new HeldCertificate.Builder().certificateAuthority(0).build();
        final HeldCertificate serverCertificate = new HeldCertificate.Builder().signedBy(authority).addSubjectAlternativeName("localhost").build();
        final HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
                .heldCertificate(serverCertificate, authority.certificate()).build();
        final HandshakeCertificates clientCertificates = new HandshakeCertificates.Builder()
                .addTrustedCertificate(authority.certificate()).build();

        try (TencentOcrTestServer server = new TencentOcrTestServer(serverCertificates.sslSocketFactory())) {
            final String url = server.url().replace("127.0.0.1", "localhost");
            final TestRunner runner = RecognizerRunner.create(server, Map.of(TencentCloudIdCardOcrService.ENDPOINT_URL, url));
            runner.enqueue(IMAGE);
            runner.run();
            // the JVM's default trust store does not know the test authority
            final MockFlowFile refused = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE).getFirst();
            refused.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Transport.TlsFailure");
            refused.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "false");

            final TencentCloudIdCardOcrService service = RecognizerRunner.service(runner);
            runner.disableControllerService(service);
            final TestSslContextProvider ssl = new TestSslContextProvider(clientCertificates);
            runner.addControllerService("ssl", ssl);
            runner.enableControllerService(ssl);
            runner.setProperty(service, HttpClientProperties.SSL_CONTEXT_SERVICE, "ssl");
            runner.enableControllerService(service);
            runner.clearTransferState();

            runner.enqueue(IMAGE);
            runner.run();
            runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
            assertNull(server.calls().getLast().refusal());
        }
    }

    @Test
    void requestsGoThroughTheConfiguredProxyWithItsCredentials() throws Exception {
        try (TencentOcrTestServer proxy = new TencentOcrTestServer()) {
            final TestRunner runner = throughProxy(proxy);

            runner.enqueue(IMAGE);
            runner.run();

            runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
            final List<TencentOcrTestServer.Call> calls = proxy.calls();
            // a recognition is never sent twice, so the credentials go with the first request, not after a 407
            assertEquals(1, calls.size());
            assertEquals("ocr.idcard.invalid", calls.getLast().header("Host"), "signed for the endpoint, carried by the proxy");
            assertEquals(Credentials.basic("proxy-user", "proxy-password"), calls.getLast().header("Proxy-Authorization"));
            assertNull(calls.getLast().refusal());
        }
    }

    @Test
    void aProxyRefusingTheCredentialsIsNotSentTheImageAgain() throws Exception {
        try (TencentOcrTestServer proxy = new TencentOcrTestServer()) {
            final TestRunner runner = throughProxy(proxy);
            proxy.then(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"proxy\"").build());

            runner.enqueue(IMAGE);
            runner.run();

            runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_FAILURE, 1);
            runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE).getFirst()
                    .assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Transport.HTTP407");
            assertEquals(1, proxy.calls().size());
        }
    }

    /** A runner whose endpoint host does not resolve: only the proxy, which needs credentials, can reach it. */
    private static TestRunner throughProxy(final TencentOcrTestServer proxy) throws Exception {
        final TestRunner runner = RecognizerRunner.create(proxy, Map.of(TencentCloudIdCardOcrService.ENDPOINT_URL, "http://ocr.idcard.invalid/"));
        final TencentCloudIdCardOcrService service = RecognizerRunner.service(runner);
        runner.disableControllerService(service);
        final TestProxyConfigurationService proxyService = new TestProxyConfigurationService(proxy.address(), "proxy-user", "proxy-password");
        runner.addControllerService("proxy", proxyService);
        runner.enableControllerService(proxyService);
        runner.setProperty(service, HttpClientProperties.PROXY_CONFIGURATION_SERVICE, "proxy");
        runner.enableControllerService(service);
        return runner;
    }

    @Test
    void concurrentTasksShareTheServiceAndLoseNothing() throws Exception {
        try (TencentOcrTestServer server = new TencentOcrTestServer()) {
            server.setFallback(call -> {
                final int n = call.image().length % 3;
                return n == 0 ? TencentOcrTestServer.ok(TencentOcrTestServer.frontCard())
                        : TencentOcrTestServer.ok(TencentOcrTestServer.error("FailedOperation.ImageBlur", "blurred"));
            });
            final TestRunner runner = RecognizerRunner.create(server, Map.of(HttpClientProperties.MAX_REQUESTS_PER_SECOND, "200"));
            runner.setThreadCount(4);
            int expectedSuccess = 0;
            for (int i = 0; i < 60; i++) {
                final byte[] image = TestImages.jpeg(400 + i, 300);
                expectedSuccess += image.length % 3 == 0 ? 1 : 0;
                runner.enqueue(image, Map.of("index", Integer.toString(i)));
            }

            runner.run(60);

            runner.assertQueueEmpty();
            final int success = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS).size();
            final int failure = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE).size();
            assertEquals(expectedSuccess, success);
            assertEquals(60, success + failure);
            assertEquals(60, server.requestCount());
            assertTrue(server.calls().stream().allMatch(call -> call.refusal() == null));
        }
    }
}

package dev.nifiidcard.camera;

import dev.nifiidcard.camera.grab.DigestVerifier;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import okio.Buffer;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.reporting.InitializationException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Issue 13 review: HTTPS cameras with their own certificate, and cameras behind a proxy, as InvokeHTTP reaches them. */
class HttpsCameraTest extends SnapshotCameraTest {

    private static final String PROXY_USER = "proxy-user";
    private static final String PROXY_PASSWORD = "proxy-pa55";

    @Test
    void anHttpsCameraIsTrustedThroughTheSslContextService() throws Exception {
        final CameraTlsAndProxy tls = new CameraTlsAndProxy("localhost");
        camera.useHttps(tls.cameraCertificates().sslSocketFactory());
        SnapshotCameras.serve(camera, runner, CameraProperties.GATE_OFF.getValue(), 1);
        runner.setProperty(CameraProperties.SOURCE, camera.url("/snapshot.jpg").toString());
        assertEquals("https", camera.url("/").scheme());
        useService(CameraProperties.SSL_CONTEXT_SERVICE, "tls", tls.sslContextService());

        runner.run();

        assertEquals(1, runner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS).size(), runner.getLogger().getWarnMessages().toString());
        assertEquals(0L, counter(GetCameraImage.CAPTURE_FAILURES));
    }

    /** The proxy (here also the camera behind its tunnel) wants Basic, the camera Digest: both are given. */
    @Test
    void anHttpsCameraBehindAnAuthenticatingProxyAnswersDigest() throws Exception {
        final CameraTlsAndProxy tls = new CameraTlsAndProxy("camera.invalid");
        final DigestVerifier digest = new DigestVerifier("IP Camera", "viewer", "cam-pa55", "MD5", true);
        camera.useHttps(tls.cameraCertificates().sslSocketFactory());
        camera.enqueue(new MockResponse.Builder().inTunnel().build());
        camera.enqueue(new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", digest.challenge(false)).build());
        camera.enqueue(jpeg());
        camera.start();
        behindTheProxy("https://camera.invalid/snapshot.jpg");
        useService(CameraProperties.SSL_CONTEXT_SERVICE, "tls", tls.sslContextService());

        runner.run();

        assertEquals(1, runner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS).size(), runner.getLogger().getWarnMessages().toString());
        // OkHttp sends the proxy's credentials with the first CONNECT
        final RecordedRequest tunnel = camera.takeRequest();
        assertEquals("CONNECT", tunnel.getMethod());
        assertEquals(Credentials.basic(PROXY_USER, PROXY_PASSWORD), tunnel.getHeaders().get("Proxy-Authorization"));
        final RecordedRequest challenged = camera.takeRequest();
        assertNull(challenged.getHeaders().get("Authorization"));
        final RecordedRequest answered = camera.takeRequest();
        assertEquals(DigestVerifier.Verdict.ACCEPTED, digest.verify("GET", "/snapshot.jpg", answered.getHeaders().get("Authorization")));
        assertNull(answered.getHeaders().get("Proxy-Authorization"), "the proxy's credentials never reach the camera");
    }

    @Test
    void anHttpCameraBehindAnAuthenticatingProxyAnswersBasic() throws Exception {
        camera.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"proxy\"").build());
        camera.enqueue(new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Basic realm=\"camera\"").build());
        camera.enqueue(jpeg());
        camera.start();
        behindTheProxy("http://camera.invalid/snapshot.jpg");

        runner.run();

        assertEquals(1, runner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS).size(), runner.getLogger().getWarnMessages().toString());
        camera.takeRequest();
        camera.takeRequest();
        final RecordedRequest answered = camera.takeRequest();
        assertEquals("camera.invalid", answered.getUrl().host());
        assertEquals(Credentials.basic("viewer", "cam-pa55"), answered.getHeaders().get("Authorization"));
        assertEquals(Credentials.basic(PROXY_USER, PROXY_PASSWORD), answered.getHeaders().get("Proxy-Authorization"));
    }

    @Test
    void theServicesApplyToTheHttpModesOnly() {
        for (final PropertyDescriptor service : List.of(CameraProperties.SSL_CONTEXT_SERVICE, CameraProperties.PROXY_CONFIGURATION_SERVICE)) {
            assertEquals(Set.of(CaptureMode.HTTP_SNAPSHOT.getValue(), CaptureMode.MJPEG_STREAM.getValue()),
                    service.getDependencies().iterator().next().getDependentValues(), service.getName());
        }
    }

    @Test
    void aSocksProxyIsRefusedAtValidation() throws Exception {
        SnapshotCameras.serve(camera, runner, CameraProperties.GATE_OFF.getValue(), 0);
        useService(CameraProperties.PROXY_CONFIGURATION_SERVICE, "proxy",
                CameraTlsAndProxy.proxyService(Proxy.Type.SOCKS, camera.getSocketAddress(), null, null));

        runner.assertNotValid();
    }

    /** A camera whose host does not resolve: only the proxy (the test's camera server) reaches it. */
    private void behindTheProxy(final String source) throws InitializationException {
        runner.setProperty(CameraProperties.CAPTURE_MODE, CaptureMode.HTTP_SNAPSHOT.getValue());
        runner.setProperty(CameraProperties.QUALITY_GATE, CameraProperties.GATE_OFF.getValue());
        runner.setProperty(CameraProperties.SOURCE, source);
        runner.setProperty(CameraProperties.USERNAME, "viewer");
        runner.setProperty(CameraProperties.PASSWORD, "cam-pa55");
        useProxy();
    }

    private void useProxy() throws InitializationException {
        useService(CameraProperties.PROXY_CONFIGURATION_SERVICE, "proxy",
                CameraTlsAndProxy.proxyService(Proxy.Type.HTTP, new InetSocketAddress(camera.getHostName(), camera.getPort()), PROXY_USER, PROXY_PASSWORD));
    }

    private void useService(final PropertyDescriptor property, final String id,
                            final ControllerService service) throws InitializationException {
        runner.addControllerService(id, service);
        runner.enableControllerService(service);
        runner.setProperty(property, id);
    }

    private static MockResponse jpeg() throws IOException {
        return new MockResponse.Builder().addHeader("Content-Type", "image/jpeg").body(new Buffer().write(GetCameraImageTest.jpeg(320, 240))).build();
    }

    private long counter(final String name) {
        final Long value = runner.getCounterValue(name);
        return value == null ? 0 : value;
    }
}

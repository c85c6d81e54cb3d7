package dev.nifiidcard.camera;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A camera that refuses or answers a login page must not make GetCameraImage repeat its password anywhere. */
class CameraSecretsTest {

    private static final String PROPERTY_PASSWORD = "propPassw0rdSECRET";
    private static final String URL_PASSWORD = "urlPassw0rdSECRET";
    private static final String PATH = "/ISAPI/Streaming/channels/101/picture";

    private TestRunner runner;
    private MockWebServer camera;

    @BeforeEach
    void setUp() throws IOException {
        runner = TestRunners.newTestRunner(GetCameraImage.class);
        runner.setProperty(CameraProperties.CAPTURE_MODE, CaptureMode.HTTP_SNAPSHOT.getValue());
        runner.setProperty(CameraProperties.QUALITY_GATE, CameraProperties.GATE_OFF.getValue());
        camera = new MockWebServer();
        camera.start();
    }

    @AfterEach
    void tearDown() {
        camera.close();
    }

    @Test
    void passwordPropertyStaysOutOfAFailedSnapshot() throws Exception {
        challengeThenLoginPage();
        runner.setProperty(CameraProperties.SOURCE, camera.url(PATH).toString());
        runner.setProperty(CameraProperties.USERNAME, "viewer");
        runner.setProperty(CameraProperties.PASSWORD, PROPERTY_PASSWORD);

        runner.run();

        assertPasswordWasSent(PROPERTY_PASSWORD);
        assertNowhere(PROPERTY_PASSWORD);
    }

    @Test
    void urlUserInfoStaysOutOfAFailedSnapshot() throws Exception {
        challengeThenLoginPage();
        runner.setProperty(CameraProperties.SOURCE, camera.url(PATH).toString().replace("://", "://viewer:" + URL_PASSWORD + "@"));

        runner.run();

        assertPasswordWasSent(URL_PASSWORD);
        assertNowhere(URL_PASSWORD);
        assertTrue(allText(runner.getLogger()).contains("http://***@"), "the source is logged, masked");
    }

    @Test
    void refusedCredentialsStayOutOfTheFailure() throws Exception {
        for (int i = 0; i < 5; i++) {
            camera.enqueue(challenge());
        }
        runner.setProperty(CameraProperties.SOURCE, camera.url(PATH).toString().replace("://", "://viewer:" + URL_PASSWORD + "@"));
        runner.setProperty(CameraProperties.PASSWORD, PROPERTY_PASSWORD);

        runner.run();

        assertNowhere(URL_PASSWORD);
        assertNowhere(PROPERTY_PASSWORD);
    }

    private void challengeThenLoginPage() {
        camera.enqueue(challenge());
        // what many cameras serve when the session is not accepted: a 200 login page instead of a JPEG
        camera.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html><title>Login</title><form action=\"/login\">user/password</form></html>").build());
    }

    private static MockResponse challenge() {
        return new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Basic realm=\"camera\"")
                .addHeader("Content-Type", "text/html").body("<html>401 Unauthorized</html>").build();
    }

    /** The test only means something if the password was really in use. */
    private void assertPasswordWasSent(final String password) throws InterruptedException {
        camera.takeRequest();
        final RecordedRequest answered = camera.takeRequest();
        assertEquals(okhttp3.Credentials.basic("viewer", password), answered.getHeaders().get("Authorization"));
    }

    private void assertNowhere(final String password) {
        runner.assertTransferCount(GetCameraImage.REL_SUCCESS, 0);
        assertEquals(1L, runner.getCounterValue(GetCameraImage.CAPTURE_FAILURES), "the snapshot failed");
        final String logs = allText(runner.getLogger());
        assertTrue(logs.contains("failed"), "the failure was logged: " + logs);
        assertFalse(logs.contains(password), "password in logs: " + logs);
        // success is the only relationship: a failed snapshot must leave no FlowFile, with or without attributes
        assertTrue(runner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS).isEmpty());
        runner.getProvenanceEvents().forEach(event -> assertFalse(String.valueOf(event.getTransitUri()).contains(password)
                || String.valueOf(event.getDetails()).contains(password), "password in provenance: " + event));
    }

    private static String allText(final MockComponentLog log) {
        final StringBuilder text = new StringBuilder();
        Stream.of(log.getTraceMessages(), log.getDebugMessages(), log.getInfoMessages(), log.getWarnMessages(), log.getErrorMessages())
                .flatMap(List::stream)
                .forEach(message -> append(text, message));
        return text.toString();
    }

    private static void append(final StringBuilder text, final LogMessage message) {
        text.append(message.getMsg()).append(Arrays.deepToString(message.getArgs())).append('\n');
        for (Throwable t = message.getThrowable(); t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
    }
}

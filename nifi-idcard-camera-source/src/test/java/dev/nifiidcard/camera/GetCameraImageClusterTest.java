package dev.nifiidcard.camera;

import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In a cluster, a network camera is read by the primary node only, and its last emitted card survives a primary-node change. */
class GetCameraImageClusterTest extends SnapshotCameraTest {

    @Test
    void aNetworkCameraIsNotReadOnANodeThatIsNotPrimaryWhichSaysSoOnce() throws IOException {
        snapshotCamera(runner, CameraProperties.GATE_OFF.getValue(), 1);
        runner.setIsConfiguredForClustering(true);
        runner.setPrimaryNode(false);

        runner.run(3, false, true);

        runner.assertTransferCount(GetCameraImage.REL_SUCCESS, 0);
        assertEquals(0, camera.getRequestCount(), "the camera was not asked");
        assertTrue(runner.isYieldCalled());
        assertEquals(1, warningsWithAdvice(runner), "said once, not at every trigger");

        runner.setPrimaryNode(true);
        runner.run(1, true, false);
        runner.assertTransferCount(GetCameraImage.REL_SUCCESS, 1);
    }

    @Test
    void aLocalCameraIsReadOnEveryNode() throws IOException {
        runner.setProperty(CameraProperties.CAPTURE_MODE, CaptureMode.SPECIMEN.getValue());
        runner.setIsConfiguredForClustering(true);
        runner.setPrimaryNode(false);

        runner.run();

        assertEquals(1L, runner.getCounterValue(GetCameraImage.FRAMES_REJECTED), "a frame was analysed");
        assertEquals(0, warningsWithAdvice(runner));
        assertTrue(runner.getStateManager().getState(Scope.CLUSTER).toMap().isEmpty(), "a local camera shares nothing");
    }

    @Test
    void rtspIsANetworkCameraDevicesAndFilesAreLocal() {
        assertTrue(PrimaryNodeRule.isNetworkCamera(CaptureMode.FFMPEG, "rtsp://192.0.2.10:554/Streaming/Channels/101"));
        assertFalse(PrimaryNodeRule.isNetworkCamera(CaptureMode.FFMPEG, "/dev/video0"));
        assertFalse(PrimaryNodeRule.isNetworkCamera(CaptureMode.FFMPEG, "/var/video/desk.mp4"));
        assertTrue(PrimaryNodeRule.isNetworkCamera(CaptureMode.HTTP_SNAPSHOT, "http://192.0.2.10/snapshot.jpg"));
        assertTrue(PrimaryNodeRule.isNetworkCamera(CaptureMode.MJPEG_STREAM, "http://192.0.2.10/video.mjpg"));
        assertFalse(PrimaryNodeRule.isNetworkCamera(CaptureMode.SPECIMEN, null));
    }

    @Test
    void theCardEmittedBeforeAPrimaryNodeChangeIsNotEmittedAgainAfterIt() throws IOException {
        snapshotCamera(runner, CameraProperties.GATE_SHARP.getValue(), 3);
        runner.setIsConfiguredForClustering(true);
        runner.setPrimaryNode(true);
        runner.run(1, false, true);
        runner.assertTransferCount(GetCameraImage.REL_SUCCESS, 1);
        runner.getStateManager().assertStateSet(EmittedCardState.DHASH, Scope.CLUSTER);

        // another node is primary for a while, then this one again: it reads the camera afresh
        runner.setPrimaryNode(false);
        runner.setPrimaryNode(true);
        clock.advance(Duration.ofSeconds(5));
        runner.run(1, false, false);
        runner.assertTransferCount(GetCameraImage.REL_SUCCESS, 1);
        assertEquals(1L, runner.getCounterValue(GetCameraImage.FRAMES_REJECTED), "the same frame was a duplicate");

        runner.getStateManager().clear(Scope.CLUSTER);
        runner.setPrimaryNode(false);
        runner.setPrimaryNode(true);
        clock.advance(Duration.ofSeconds(5));
        runner.run(1, true, false);
        runner.assertTransferCount(GetCameraImage.REL_SUCCESS, 2);
    }

    @Test
    void theNextPrimaryNodeReadsTheLastEmittedCardFromClusterState() throws IOException {
        snapshotCamera(runner, CameraProperties.GATE_SHARP.getValue(), 2);
        runner.run();
        runner.assertTransferCount(GetCameraImage.REL_SUCCESS, 1);
        final Map<String, String> state = runner.getStateManager().getState(Scope.CLUSTER).toMap();

        final TestRunner nextPrimary = GetCameraImageTest.runnerOn(clock);
        snapshotCamera(nextPrimary, CameraProperties.GATE_SHARP.getValue(), 0);
        nextPrimary.getStateManager().setState(state, Scope.CLUSTER);
        clock.advance(Duration.ofSeconds(5));
        nextPrimary.run();

        nextPrimary.assertTransferCount(GetCameraImage.REL_SUCCESS, 0);
        assertEquals(2, camera.getRequestCount(), "the frame was analysed");
        assertEquals(1L, nextPrimary.getCounterValue(GetCameraImage.FRAMES_REJECTED));
    }

    /** The same frame {@code frames} times; the Sharp gate takes the flat test frame as sharp. */
    private void snapshotCamera(final TestRunner target, final String gate, final int frames) throws IOException {
        SnapshotCameras.serve(camera, target, gate, frames);
        if (CameraProperties.GATE_SHARP.getValue().equals(gate)) {
            target.setProperty(CameraProperties.MIN_SHARPNESS, "0");
            // the snapshot frames carry the real time: only the hash may tell a duplicate
            target.setProperty(CameraProperties.MIN_EMISSION_INTERVAL, "0 millis");
        }
    }

    private static long warningsWithAdvice(final TestRunner target) {
        return target.getLogger().getWarnMessages().stream().filter(m -> m.getMsg().contains(PrimaryNodeRule.ADVICE)).count();
    }
}

package dev.nifiidcard.camera;

import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.util.FormatUtils;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A trigger that emits nothing yields, so that NiFi does not trigger the processor again at once; one that emits does not. */
class GetCameraImageYieldTest extends SnapshotCameraTest {

    @Test
    void aTriggerThatEmitsDoesNotYield() throws IOException {
        snapshotCameraWithGateOff(1);

        runner.run();

        runner.assertTransferCount(GetCameraImage.REL_SUCCESS, 1);
        assertFalse(runner.isYieldCalled());
    }

    @Test
    void aFrameAnalysedAndNotEmittedYields() {
        runner.setProperty(CameraProperties.CAPTURE_MODE, CaptureMode.SPECIMEN.getValue());

        runner.run();

        runner.assertTransferCount(GetCameraImage.REL_SUCCESS, 0);
        assertEquals(1L, runner.getCounterValue(GetCameraImage.FRAMES_REJECTED), "the first frame was analysed");
        assertTrue(runner.isYieldCalled());
    }

    @Test
    void aTriggerBeforeTheNextFrameIsDueYieldsAndTheDueFrameFlowsOnTheNextTrigger() throws IOException {
        snapshotCameraWithGateOff(2);
        runner.run(1, false, true);
        assertFalse(runner.isYieldCalled());

        runner.run(1, false, false);

        assertTrue(runner.isYieldCalled(), "no frame is due at once at 5 frames per second");
        assertEquals(1, camera.getRequestCount(), "the camera was not asked before the frame was due");
        clock.advance(Duration.ofMillis(200));
        runner.run(1, true, false);
        runner.assertTransferCount(GetCameraImage.REL_SUCCESS, 2);
    }

    @Test
    void backPressureYields() throws IOException {
        snapshotCameraWithGateOff(1);
        runner.setRelationshipUnavailable(GetCameraImage.REL_SUCCESS);

        runner.run();

        assertTrue(runner.isYieldCalled());
        assertEquals(0, camera.getRequestCount(), "no frame is taken while success is full");
    }

    /** Issue 13, finding 7: NiFi's default Yield Duration (1 s) after an empty poll would hold the next frame back 1 s. */
    @Test
    void anEmptyPollYieldsForLessThanAFrameInterval() {
        final Duration yield = Duration.ofMillis(FormatUtils.getTimeDuration(
                GetCameraImage.class.getAnnotation(DefaultSettings.class).yieldDuration(), TimeUnit.MILLISECONDS));
        final double defaultFramesPerSecond = Double.parseDouble(CameraProperties.FRAMES_PER_SECOND.getDefaultValue());

        assertTrue(yield.toMillis() <= 1000 / defaultFramesPerSecond, yield + " per empty poll");
    }

    private void snapshotCameraWithGateOff(final int frames) throws IOException {
        SnapshotCameras.serve(camera, runner, CameraProperties.GATE_OFF.getValue(), frames);
    }
}

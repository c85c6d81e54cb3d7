package dev.nifiidcard.camera;

import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.LogMessage;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13's review notes and finding 5: what GetCameraImage tells its users about the frames it reads. */
class CameraIntakeReportsTest extends SnapshotCameraTest {

    @Test
    void framesAreStampedByTheProcessorsClock() throws Exception {
        SnapshotCameras.serve(camera, runner, CameraProperties.GATE_OFF.getValue(), 1);

        runner.run();

        final MockFlowFile frame = runner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS).getFirst();
        frame.assertAttributeEquals(CameraAttributes.TIMESTAMP, clock.instant().toString());
    }

    @Test
    void gateOffWritesEveryScoreForTuning() throws Exception {
        SnapshotCameras.serve(camera, runner, CameraProperties.GATE_OFF.getValue(), 1);

        runner.run();

        final MockFlowFile frame = runner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS).getFirst();
        for (final String score : List.of(CameraAttributes.GATE_SHARPNESS, CameraAttributes.GATE_BRIGHTNESS,
                CameraAttributes.GATE_DARK_FRACTION, CameraAttributes.GATE_BRIGHT_FRACTION, CameraAttributes.GATE_CARD_PRESENT)) {
            assertNotNull(frame.getAttribute(score), score + " in " + frame.getAttributes());
        }
    }

    @Test
    void oversizedFramesAreCountedAndWarnedOncePerPeriod() throws Exception {
        final int oversized = 3;
        SnapshotCameras.serveStream(camera, runner, Collections.nCopies(oversized, new byte[2048]));
        runner.setProperty(CameraProperties.MAX_FRAME_SIZE, "1 KB");

        runner.run(1, false, true);
        for (int i = 0; i < 5_000 && counter(GetCameraImage.FRAMES_OVERSIZED) < oversized; i++) {
            runner.run(1, false, false);
        }
        assertEquals(oversized, counter(GetCameraImage.FRAMES_OVERSIZED));
        assertEquals(1, oversizedWarnings().size(), "one warning per period, however many frames: " + oversizedWarnings());
        assertTrue(oversizedWarnings().getFirst().getMsg().contains("(1 KB)"), oversizedWarnings().getFirst().getMsg());

        runner.run(1, true, false);
        runner.assertTransferCount(GetCameraImage.REL_SUCCESS, 0);
    }

    /** A snapshot camera refusing every request: asked at Frames Per Second, not at every trigger, and warned once. */
    @Test
    void aFailingCameraIsAskedAtTheFrameRateAndWarnedOnce() throws Exception {
        SnapshotCameras.serve(camera, runner, CameraProperties.GATE_OFF.getValue(), 0);
        camera.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public mockwebserver3.MockResponse dispatch(final mockwebserver3.RecordedRequest request) {
                return new mockwebserver3.MockResponse.Builder().code(503).build();
            }
        });
        runner.setProperty(CameraProperties.FRAMES_PER_SECOND, "2");

        // 4 s of triggers every 50 ms, as NiFi schedules a processor that yields 50 ms
        runner.run(1, false, true);
        for (int i = 0; i < 80; i++) {
            clock.advance(java.time.Duration.ofMillis(50));
            runner.run(1, false, false);
        }
        runner.run(1, true, false);

        assertTrue(camera.getRequestCount() <= 9, "about 2 requests a second, not 20: " + camera.getRequestCount());
        assertEquals(camera.getRequestCount(), counter(GetCameraImage.CAPTURE_FAILURES), "every failure counted");
        assertEquals(1, runner.getLogger().getWarnMessages().stream().filter(m -> m.getMsg().contains("failed")).count(),
                "the same reason warned once a minute: " + runner.getLogger().getWarnMessages());
    }

    @Test
    void declaresTheMemoryItHolds() {
        final SystemResourceConsideration memory = GetCameraImage.class.getAnnotation(SystemResourceConsideration.class);
        assertNotNull(memory, "frames of up to 64 MB are held");
        assertEquals(SystemResource.MEMORY, memory.resource());
        assertTrue(memory.description().contains("Max Frame Size"), memory.description());
    }

    private List<LogMessage> oversizedWarnings() {
        return runner.getLogger().getWarnMessages().stream().filter(m -> m.getMsg().contains("Max Frame Size")).toList();
    }

    private long counter(final String name) {
        final Long value = runner.getCounterValue(name);
        return value == null ? 0 : value;
    }
}

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

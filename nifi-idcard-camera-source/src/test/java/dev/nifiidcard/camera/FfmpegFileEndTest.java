package dev.nifiidcard.camera;

import dev.nifiidcard.camera.grab.Ffmpeg;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loop File = false: the file is played once, its end reported once, and the processor then only yields. */
class FfmpegFileEndTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T08:00:00Z"));
    private final TestRunner runner = GetCameraImageTest.runnerOn(clock);

    @Test
    void aFileWithoutLoopIsPlayedOnceAndItsEndReportedOnce(@TempDir final Path directory) throws Exception {
        final String ffmpeg = Ffmpeg.require();
        final Path video = directory.resolve("five-frames.mkv");
        Ffmpeg.run(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi",
                "-i", "testsrc2=size=320x240:rate=10", "-frames:v", "5", "-c:v", "mpeg4", video.toString());
        runner.setProperty(CameraProperties.CAPTURE_MODE, CaptureMode.FFMPEG.getValue());
        runner.setProperty(CameraProperties.SOURCE, video.toString());
        runner.setProperty(CameraProperties.FFMPEG_PATH, ffmpeg);
        runner.setProperty(CameraProperties.LOOP_FILE, "false");
        // the file's own rate, so that the fps filter passes every frame
        runner.setProperty(CameraProperties.FRAMES_PER_SECOND, "10");
        runner.setProperty(CameraProperties.QUALITY_GATE, CameraProperties.GATE_OFF.getValue());

        runner.run(1, false, true);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (endReports().isEmpty() && System.nanoTime() < deadline) {
            clock.advance(Duration.ofSeconds(1));
            runner.run(1, false, false);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        final int emitted = runner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS).size();

        assertEquals(1, endReports().size(), "the end is reported: " + runner.getLogger().getWarnMessages());
        assertEquals(5, emitted + counter(GetCameraImage.FRAMES_DROPPED), "each of the file's five frames, once");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            runner.run(1, false, false);
            assertTrue(runner.isYieldCalled(), "nothing more to read: the trigger yields");
        }
        runner.run(1, true, false);

        assertEquals(emitted, runner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS).size(), "no frame after the end");
        assertEquals(1, endReports().size(), "reported once");
        assertEquals(0, counter(GetCameraImage.CAPTURE_FAILURES), "the end of a file played once is not a failure");
    }

    private List<LogMessage> endReports() {
        return runner.getLogger().getWarnMessages().stream()
                .filter(message -> message.getMsg().contains("reached the end of the file"))
                .toList();
    }

    private long counter(final String name) {
        final Long value = runner.getCounterValue(name);
        return value == null ? 0 : value;
    }
}

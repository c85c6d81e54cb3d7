package dev.nifiidcard.camera;

import mockwebserver3.MockWebServer;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;

import java.time.Instant;

/** A GetCameraImage on a manual clock and a snapshot camera to point it at ({@link SnapshotCameras}). */
abstract class SnapshotCameraTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T08:00:00Z"));
    final TestRunner runner = GetCameraImageTest.runnerOn(clock);
    final MockWebServer camera = new MockWebServer();

    @AfterEach
    void closeCamera() {
        camera.close();
    }
}

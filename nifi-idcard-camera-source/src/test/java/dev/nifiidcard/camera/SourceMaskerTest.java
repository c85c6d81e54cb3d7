package dev.nifiidcard.camera;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SourceMaskerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rtsp://admin:s3cret@192.0.2.10:554/Streaming/Channels/101 | rtsp://***@192.0.2.10:554/Streaming/Channels/101",
            "http://viewer@cam.local/snapshot.jpg | http://***@cam.local/snapshot.jpg",
            "http://cam.local/cgi-bin/snapshot.cgi?user=admin&pwd=s3cret&channel=1 | http://cam.local/cgi-bin/snapshot.cgi?user=admin&pwd=***&channel=1",
            "http://cam.local/video.mjpg?token=abc123 | http://cam.local/video.mjpg?token=***",
            "/dev/video0 | /dev/video0",
            "rtsp://admin:p@ss/w?rd#1@192.0.2.10/live | rtsp://***@192.0.2.10/live",
            "ffmpeg: rtsp://admin:pw@192.0.2.10/live: 401 Unauthorized | ffmpeg: rtsp://***@192.0.2.10/live: 401 Unauthorized",
            "http://cam.local/a@b/snapshot.jpg | http://***@b/snapshot.jpg"
    })
    void masksCredentials(final String source, final String masked) {
        assertEquals(masked, SourceMasker.mask(source));
    }
}

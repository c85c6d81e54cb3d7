package dev.nifiidcard.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoOptionsTest {

    @Test
    void defaultsAreTwoSpecimenCardsInSixtySecondsReadOffline() {
        final DemoOptions options = DemoOptions.parse(new String[0], Map.of());

        assertEquals(2, options.cards());
        assertEquals(Duration.ofSeconds(60), options.timeout());
        assertTrue(options.usesSpecimenCamera());
        assertTrue(options.usesOffline());
        assertFalse(options.usesSimulator());
    }

    @Test
    void tencentIsChosenByFlagAndWithoutCredentialsIsTheSimulator() {
        final DemoOptions options = DemoOptions.parse(new String[] {"--ocr", "Tencent"}, Map.of());

        assertFalse(options.usesOffline());
        assertTrue(options.usesSimulator());
        // credentials alone do not send cards to a paid service: the flag does
        assertTrue(DemoOptions.parse(new String[0], Map.of("TENCENTCLOUD_SECRET_ID", "AKIDx", "TENCENTCLOUD_SECRET_KEY", "k")).usesOffline());
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--ocr", "baidu"}, Map.of()));
    }

    @Test
    void flagsWinOverEnvironmentAndCameraModesAreMatchedByName() {
        final DemoOptions options = DemoOptions.parse(new String[] {"--cards", "4", "--timeout", "90", "--camera-mode", "mjpeg stream"},
                Map.of("IDCARD_CAMERA_MODE", "FFmpeg", "IDCARD_CAMERA_SOURCE", "http://cam.local/video.mjpg", "IDCARD_CAMERA_PASSWORD", "pw"));

        assertEquals(4, options.cards());
        assertEquals(Duration.ofSeconds(90), options.timeout());
        assertEquals("MJPEG Stream", options.cameraMode());
        assertEquals("http://cam.local/video.mjpg", options.cameraSource());
        assertEquals("pw", options.cameraPassword());
    }

    @Test
    void realTencentNeedsBothSecretsAndNeverShowsThem() {
        final Map<String, String> env = Map.of("TENCENTCLOUD_SECRET_ID", "AKIDrealLookingId", "TENCENTCLOUD_SECRET_KEY", "realLookingKey",
                "TENCENTCLOUD_REGION", "ap-guangzhou");
        final DemoOptions options = DemoOptions.parse(new String[] {"--ocr", "tencent"}, env);

        assertFalse(options.usesSimulator());
        final String header = new EnrollmentDemo(options, null, null, null).header(EnrollmentDemo.TENCENT_ENDPOINT) + options;
        assertTrue(header.contains("https://ocr.tencentcloudapi.com (region ap-guangzhou)"), header);
        assertFalse(header.contains("AKIDrealLookingId") || header.contains("realLookingKey"), header);
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[0], Map.of("TENCENTCLOUD_SECRET_ID", "AKIDonly")));
    }

    @Test
    void aRealCameraNeedsASourceAndBadValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--camera-mode", "HTTP Snapshot"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--camera-mode", "Webcam"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--cards", "0"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--timeout"}, Map.of()));
    }
}

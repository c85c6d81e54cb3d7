package dev.nifiidcard.camera;

import dev.nifiidcard.demo.DemoOptions;
import dev.nifiidcard.demo.EnrollmentDemo;
import dev.nifiidcard.demo.Pacing;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo end to end: specimen camera, quality gate, the real Tencent service and processor, the simulator. The
 * camera's clock steps one frame interval per tick instead of sleeping (this package reaches GetCameraImage.clock),
 * so the run is deterministic and takes seconds, not the 12 s of wall-clock time the demo shows.
 */
class EnrollmentDemoTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void readsOneFrontAndOneBackOfflineThenExitsZero() throws Exception {
        final int exit = demo().run();

        final String text = output.toString(StandardCharsets.UTF_8);
        assertEquals(EnrollmentDemo.EXIT_OK, exit, text);
        assertTrue(text.contains("OFFLINE PaddleOCR"), text);
        assertTrue(text.contains("Card 1: front side -> success"), text);
        assertTrue(text.contains("name 李明 | sex 男 | nation 汉 | birth 1987-01-01"), text);
        assertTrue(text.contains("number 440524********0014 (check: valid)"), text);
        assertTrue(text.contains("address 北京市石景山区高新技术园腾讯大楼"), text);
        assertTrue(text.contains("Card 2: back side -> success"), text);
        assertTrue(text.contains("authority 深圳市公安局南山分局 | valid 2017-08-12 to 2037-08-12"), text);
        assertTrue(text.contains("DONE: 2 card(s) recognized."), text);
        assertFalse(text.contains("440524198701010014"), "the ID number is shown masked only");
    }

    @Test
    void recognizesOneFrontAndOneBackWithTheTencentSimulator() throws Exception {
        final int exit = new EnrollmentDemo(DemoOptions.parse(new String[] {"--ocr", "tencent"}, Map.of()), camera(), steppedPacing(),
                new PrintStream(output, true, StandardCharsets.UTF_8)).run();

        final String text = output.toString(StandardCharsets.UTF_8);
        assertEquals(EnrollmentDemo.EXIT_OK, exit, text);
        assertTrue(text.contains("LOCAL SIMULATOR"), text);
        assertTrue(text.contains("Card 1: front side -> success"), text);
        assertTrue(text.contains("number 440524********0014 (check: valid)"), text);
        assertTrue(text.contains("birth 1987-01-01"), text);
        assertTrue(text.contains("Card 2: back side -> success"), text);
        assertTrue(text.contains("valid 2017-08-12 to 2037-08-12"), text);
        assertTrue(text.contains("DONE: 2 card(s) recognized."), text);
        assertFalse(text.contains("440524198701010014"), "the ID number is shown masked only");
    }

    @Test
    void exitsNonZeroWithAClearMessageWhenTheTimeoutPassesFirst() throws Exception {
        final int exit = new EnrollmentDemo(DemoOptions.parse(new String[] {"--timeout", "3"}, Map.of()),
                camera(), steppedPacing(), new PrintStream(output, true, StandardCharsets.UTF_8)).run();

        final String text = output.toString(StandardCharsets.UTF_8);
        assertEquals(EnrollmentDemo.EXIT_TIMEOUT, exit, text);
        assertTrue(text.contains("TIMEOUT: 1 of 2 card(s) recognized within 3 s."), text);
        assertTrue(text.contains("frame(s) rejected by the gate"), text);
    }

    private EnrollmentDemo demo() {
        return new EnrollmentDemo(DemoOptions.parse(new String[0], Map.of()), camera(), steppedPacing(),
                new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private GetCameraImage camera() {
        final GetCameraImage camera = new GetCameraImage();
        camera.clock = clock;
        return camera;
    }

    private Pacing steppedPacing() {
        return new Pacing() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public void awaitNextTick(final Duration interval) {
                clock.advance(interval);
            }
        };
    }
}

package dev.nifiidcard.camera.grab;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StderrTailTest {

    private static final String SOURCE = "rtsp://admin:s3cret@192.0.2.10:554/Streaming/Channels/101";

    @Test
    void masksCredentialsWhereverFfmpegQuotesThem() {
        final String text = drain(String.join("\n",
                SOURCE + ": Connection refused",
                "[rtsp @ 0x5581] method DESCRIBE failed: 401 Unauthorized",
                "Error opening input file '" + SOURCE + "'.",
                "[tcp @ 0x5582] Connection to tcp://admin:s3cret@192.0.2.10:554?timeout=0 failed",
                // cut first, this line would end in "rtsp://admin:s3cret", no longer a URL with user info
                "x".repeat(480) + " " + SOURCE));

        assertFalse(text.contains("s3cret"), text);
        assertTrue(text.startsWith("rtsp://***@192.0.2.10:554/Streaming/Channels/101: Connection refused | [rtsp @ 0x5581]"), text);
        assertTrue(text.contains("'rtsp://***@192.0.2.10:554/Streaming/Channels/101'"), text);
        assertTrue(text.contains("tcp://***@192.0.2.10:554?timeout=0"), text);
        assertTrue(text.endsWith("x rtsp://***@192.0.2...."), "long lines are cut after masking: " + text);
    }

    @Test
    void keepsTheLastTwentyLines() {
        final String text = drain(IntStream.rangeClosed(1, 30).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n\n")));

        assertEquals(IntStream.rangeClosed(11, 30).mapToObj(i -> "line " + i).collect(Collectors.joining(" | ")), text);
    }

    private static String drain(final String stderr) {
        final StderrTail tail = new StderrTail(SOURCE);
        tail.drain(new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8)));
        return tail.text();
    }
}

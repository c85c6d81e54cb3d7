package dev.nifiidcard.camera.grab;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FfmpegCommandTest {

    private static final List<String> PREAMBLE = List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error");
    private static final List<String> SCRIPT_INPUT = List.of("-f", "concat", "-safe", "0", "-protocol_whitelist",
            "pipe,rtsp,rtsps,rtp,srtp,udp,tcp,tls,http,https,httpproxy,crypto", "-i", "pipe:0");
    private static final List<String> ENCODE = List.of("-c:v", "mjpeg", "-q:v", "2", "-f", "image2pipe", "pipe:1");

    @Test
    void rtspGoesOverTcpAndIsEncoded() {
        final String url = "rtsp://admin:s3cret@192.0.2.10:554/Streaming/Channels/101";
        final FfmpegCommand command = FfmpegCommand.forSource(url).fps(2).build();

        assertEquals(FfmpegCommand.Input.RTSP, command.input());
        assertEquals(line("ffmpeg", PREAMBLE, SCRIPT_INPUT, List.of("-map", "0:v:0", "-vf", "fps=2"), ENCODE), command.arguments());
        assertEquals("ffconcat version 1.0\nfile '" + url + "'\noption 'rtsp_transport' 'tcp'\n", script(command));
        assertEquals("rtsp://***@192.0.2.10:554/Streaming/Channels/101", command.maskedSource());
        assertFalse(command.toString().contains("s3cret"), command.toString());
        assertTrue(command.toString().endsWith("pipe:1 < rtsp://***@192.0.2.10:554/Streaming/Channels/101"), command.toString());
    }

    @Test
    void rtspCredentialsAreNotOnTheCommandLine() {
        final FfmpegCommand command = FfmpegCommand.forSource("rtsp://admin:s3cret@192.0.2.10:554/Streaming/Channels/101").build();

        assertFalse(command.arguments().stream().anyMatch(argument -> argument.contains("s3cret") || argument.contains("admin")),
                command.arguments().toString());
    }

    @Test
    void theScriptQuotesWhatItCarries() {
        // ffmpeg's tokens: a quote inside single quotes is closed, escaped and reopened
        final FfmpegCommand command = FfmpegCommand.forSource("rtsp://u:p%40ss@cam.local/it's live #1").build();

        assertEquals("ffconcat version 1.0\nfile 'rtsp://u:p%40ss@cam.local/it'\\''s live #1'\noption 'rtsp_transport' 'tcp'\n",
                script(command));
        assertEquals("ffconcat version 1.0\nfile 'http://u:p@127.0.0.1/clip.mkv'\n",
                script(FfmpegCommand.forUrl("http://u:p@127.0.0.1/clip.mkv").build()));
        assertNull(FfmpegCommand.forSource("clip.mkv").build().inputScript());
        assertNull(FfmpegCommand.forSource("/dev/video0").build().inputScript());
    }

    @Test
    void aLineBreakCannotSmuggleDirectivesIntoTheScript() {
        for (final String url : List.of("rtsp://cam/1\nfile '/etc/passwd'", "rtsp://cam/1\roption x y", "rtsp://cam/\u0000")) {
            final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.forSource(url));
            assertEquals("a network source cannot contain control characters or line breaks", refused.getMessage());
        }
    }

    @Test
    void v4l2MjpegIsCopiedAsTheCameraEncodedIt() {
        final FfmpegCommand command = FfmpegCommand.forSource("/dev/video0")
                .inputFormat("mjpeg").videoSize("1920x1080").framerate(15).build();

        assertEquals(FfmpegCommand.Input.V4L2, command.input());
        assertEquals(line("ffmpeg", PREAMBLE,
                        List.of("-f", "v4l2", "-input_format", "mjpeg", "-video_size", "1920x1080", "-framerate", "15",
                                "-i", "/dev/video0", "-map", "0:v:0", "-c:v", "copy", "-f", "image2pipe", "pipe:1")),
                command.arguments());
    }

    @Test
    void v4l2RawIsEncodedAndThinned() {
        final FfmpegCommand command = FfmpegCommand.forSource("/dev/v4l/by-id/usb-Camera-video-index0")
                .inputFormat("yuyv422").videoSize("640x480").fps(2.5).build();

        assertEquals(line("ffmpeg", PREAMBLE,
                        List.of("-f", "v4l2", "-input_format", "yuyv422", "-video_size", "640x480",
                                "-i", "/dev/v4l/by-id/usb-Camera-video-index0", "-map", "0:v:0", "-vf", "fps=2.5"), ENCODE),
                command.arguments());
    }

    @Test
    void v4l2WithoutOptionsLeavesTheDeviceDefaults() {
        assertEquals(line("ffmpeg", PREAMBLE, List.of("-f", "v4l2", "-i", "/dev/video2", "-map", "0:v:0"), ENCODE),
                FfmpegCommand.forSource("/dev/video2").build().arguments());
    }

    @Test
    void filesAreReadAtTheirNativeRateAndMayLoop() {
        final FfmpegCommand command = FfmpegCommand.forSource("/data/specimen.mp4").loop(true).fps(5)
                .executable("/opt/ffmpeg/bin/ffmpeg").build();

        assertEquals(FfmpegCommand.Input.FILE, command.input());
        assertEquals(line("/opt/ffmpeg/bin/ffmpeg", PREAMBLE,
                        List.of("-re", "-stream_loop", "-1", "-i", "/data/specimen.mp4", "-map", "0:v:0", "-vf", "fps=5"), ENCODE),
                command.arguments());
        assertEquals(line("ffmpeg", PREAMBLE, List.of("-re", "-i", "clip.mkv", "-map", "0:v:0"), ENCODE),
                FfmpegCommand.forSource("clip.mkv").build().arguments());
    }

    @Test
    void lavfiGraphsAreReadAtTheirNativeRate() {
        assertEquals(line("ffmpeg", PREAMBLE,
                        List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=10", "-map", "0:v:0"), ENCODE),
                FfmpegCommand.lavfi("testsrc2=size=640x360:rate=10").build().arguments());
    }

    @Test
    void refusesOptionsThatDoNotApply() {
        final IllegalArgumentException http = assertThrows(IllegalArgumentException.class,
                () -> FfmpegCommand.forSource("http://viewer:pa55@cam.local/video.mjpg"));
        assertTrue(http.getMessage().endsWith("http://***@cam.local/video.mjpg"), http.getMessage());

        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.forSource("rtsp://cam/1").loop(true));
        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.forSource("clip.mkv").inputFormat("mjpeg"));
        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.forSource("rtsp://cam/1").videoSize("640x480"));
        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.forSource("/dev/video0").videoSize("640 480"));
        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.forSource("/dev/video0").inputFormat("-y"));
        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.forSource("/dev/video0").framerate(0));
        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.forSource("clip.mkv").fps(0.05));
        assertThrows(IllegalArgumentException.class,
                () -> FfmpegCommand.forSource("/dev/video0").inputFormat("mjpeg").fps(5).build());
        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.forSource(" "));
    }

    private static String script(final FfmpegCommand command) {
        return new String(command.inputScript(), StandardCharsets.UTF_8);
    }

    @SafeVarargs
    private static List<String> line(final String executable, final List<String>... parts) {
        final List<String> line = new ArrayList<>(List.of(executable));
        for (final List<String> part : parts) {
            line.addAll(part);
        }
        return line;
    }
}

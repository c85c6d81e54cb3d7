package dev.nifiidcard.camera.grab;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An ffconcat script naming one network input, with the options to open it: how a URL that may hold credentials
 * reaches ffmpeg without being on its command line, which every local user can read (ffmpeg 5.1 has no way to read
 * options from a file). ffmpeg reads it from its stdin ({@code -f concat -i pipe:0}), a pipe only ffmpeg reads and
 * that is empty once read: nothing on disk to protect or to clean up after a crash.
 */
final class InputScript {

    /** What the script's input may use: no {@code file}, so that a script never reads local files. */
    static final String PROTOCOLS = "pipe,rtsp,rtsps,rtp,srtp,udp,tcp,tls,http,https,httpproxy,crypto";

    private InputScript() {
    }

    /** ffmpeg's arguments for an input that comes from the script on stdin. */
    static List<String> arguments() {
        return List.of("-f", "concat", "-safe", "0", "-protocol_whitelist", PROTOCOLS, "-i", "pipe:0");
    }

    /** The script for {@code url}, opened with {@code options} (AVOptions of its demuxer or protocol). */
    static byte[] of(final String url, final Map<String, String> options) {
        final StringBuilder script = new StringBuilder("ffconcat version 1.0\nfile ").append(quote(url)).append('\n');
        options.forEach((key, value) -> script.append("option ").append(quote(key)).append(' ').append(quote(value)).append('\n'));
        return script.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Refuses what would end a directive early, and so let the rest of a URL be read as directives of its own. */
    static String requireSingleLine(final String value) {
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a network source cannot contain control characters or line breaks");
        }
        return value;
    }

    /** ffmpeg's token syntax: within single quotes everything is literal; a quote itself is closed, escaped, reopened. */
    private static String quote(final String value) {
        return "'" + requireSingleLine(value).replace("'", "'\\''") + "'";
    }
}

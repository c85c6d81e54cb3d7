package dev.nifiidcard.camera.grab;

import dev.nifiidcard.camera.SourceMasker;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ffmpeg command line that turns a camera source into a stream of JPEGs on stdout ({@code -f image2pipe}): an RTSP
 * camera (over TCP, which survives NAT and packet loss better than UDP), a V4L2 device such as a USB camera, a video
 * file read at its native rate, or a lavfi graph (synthetic sources, for tests and demos). MJPEG from a V4L2 device is
 * copied as the camera encoded it; anything else is encoded to JPEG at high quality, optionally thinned with an fps
 * filter. A network URL, which may hold credentials, is never on the command line: it goes to ffmpeg's stdin in an
 * {@link InputScript}. Building a command runs nothing.
 */
public final class FfmpegCommand {

    /**
     * Where frames come from. {@code URL} is any other URL ffmpeg reads (http, https): the processor does not offer it
     * (its HTTP modes read such cameras themselves); tests use it to check the input script against a server that
     * demands credentials and serves frames.
     */
    public enum Input { RTSP, V4L2, FILE, LAVFI, URL }

    /** One frame per 10 s at the slowest, so that a silent ffmpeg is told from a slow one within half a minute. */
    static final double MIN_FPS = 0.1;

    private static final Pattern VIDEO_SIZE = Pattern.compile("[1-9][0-9]{0,4}x[1-9][0-9]{0,4}");
    private static final Pattern FORMAT_NAME = Pattern.compile("[a-z0-9_]{1,32}");

    private final String executable;
    private final Input input;
    private final String source;
    private final String inputFormat;
    private final String videoSize;
    private final Integer framerate;
    private final Double fps;
    private final boolean loop;

    private FfmpegCommand(final Builder builder) {
        this.executable = builder.executable;
        this.input = builder.input;
        this.source = builder.source;
        this.inputFormat = builder.inputFormat;
        this.videoSize = builder.videoSize;
        this.framerate = builder.framerate;
        this.fps = builder.fps;
        this.loop = builder.loop;
    }

    /** An RTSP URL ({@code rtsp://}, {@code rtsps://}), a V4L2 device ({@code /dev/video*}, {@code /dev/v4l/...}) or a file. */
    public static Builder forSource(final String source) {
        final String lower = source.toLowerCase(Locale.ROOT);
        if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://")) {
            return new Builder(Input.RTSP, InputScript.requireSingleLine(source));
        }
        if (source.startsWith("/dev/video") || source.startsWith("/dev/v4l/")) {
            return new Builder(Input.V4L2, source);
        }
        if (source.contains("://")) {
            throw new IllegalArgumentException("Not an RTSP URL, a V4L2 device or a file: " + SourceMasker.mask(source));
        }
        return new Builder(Input.FILE, source);
    }

    /** A lavfi filter graph as input, e.g. {@code testsrc2=size=640x360:rate=10}; read at its native rate. */
    public static Builder lavfi(final String filterGraph) {
        return new Builder(Input.LAVFI, filterGraph);
    }

    /** A URL read through the input script, as the RTSP input is; see {@link Input#URL}. */
    static Builder forUrl(final String url) {
        return new Builder(Input.URL, InputScript.requireSingleLine(url));
    }

    /**
     * The full command line, executable first. It never holds a network source (nor its credentials), which
     * {@link #inputScript()} carries: other users can read a process's command line.
     */
    public List<String> arguments() {
        final List<String> arguments = new ArrayList<>(List.of(executable, "-hide_banner", "-nostdin", "-nostats",
                "-loglevel", "error"));
        switch (input) {
            case RTSP, URL -> arguments.addAll(InputScript.arguments());
            case V4L2 -> {
                arguments.addAll(List.of("-f", "v4l2"));
                addOption(arguments, "-input_format", inputFormat);
                addOption(arguments, "-video_size", videoSize);
                addOption(arguments, "-framerate", framerate == null ? null : framerate.toString());
            }
            case FILE -> {
                arguments.add("-re");
                if (loop) {
                    arguments.addAll(List.of("-stream_loop", "-1"));
                }
            }
            case LAVFI -> arguments.addAll(List.of("-re", "-f", "lavfi"));
        }
        if (!readsScript()) {
            arguments.addAll(List.of("-i", source));
        }
        arguments.add("-map");
        arguments.add("0:v:0");
        if (copiesMjpeg()) {
            arguments.addAll(List.of("-c:v", "copy"));
        } else {
            addOption(arguments, "-vf", fps == null ? null : "fps=" + BigDecimal.valueOf(fps).stripTrailingZeros().toPlainString());
            arguments.addAll(List.of("-c:v", "mjpeg", "-q:v", "2"));
        }
        arguments.addAll(List.of("-f", "image2pipe", "pipe:1"));
        return arguments;
    }

    /** What ffmpeg must read on its stdin before anything else, credentials included; {@code null} for none. */
    byte[] inputScript() {
        return switch (input) {
            case RTSP -> InputScript.of(source, Map.of("rtsp_transport", "tcp"));
            case URL -> InputScript.of(source, Map.of());
            case V4L2, FILE, LAVFI -> null;
        };
    }

    /** A file that is not looped ends for good: it is played once, not started again. */
    boolean playsOnce() {
        return input == Input.FILE && !loop;
    }

    public Input input() {
        return input;
    }

    public String executable() {
        return executable;
    }

    /** The source with credentials masked, for names and messages. */
    public String maskedSource() {
        return SourceMasker.mask(source);
    }

    /** The source as given; ffmpeg's messages may quote it. */
    String source() {
        return source;
    }

    /** The device already sends JPEGs: pass them through untouched. */
    boolean copiesMjpeg() {
        return input == Input.V4L2 && "mjpeg".equals(inputFormat);
    }

    @Override
    public String toString() {
        final String line = String.join(" ", arguments()).replace(source, maskedSource());
        return readsScript() ? line + " < " + maskedSource() : line;
    }

    private boolean readsScript() {
        return input == Input.RTSP || input == Input.URL;
    }

    private static void addOption(final List<String> arguments, final String option, final String value) {
        if (value != null) {
            arguments.add(option);
            arguments.add(value);
        }
    }

    public static final class Builder {

        private final Input input;
        private final String source;
        private String executable = "ffmpeg";
        private String inputFormat;
        private String videoSize;
        private Integer framerate;
        private Double fps;
        private boolean loop;

        private Builder(final Input input, final String source) {
            if (source == null || source.isBlank()) {
                throw new IllegalArgumentException("a source is required");
            }
            this.input = input;
            this.source = source;
        }

        /** The ffmpeg to run: a path, or a name looked up on PATH; {@code ffmpeg} by default. */
        public Builder executable(final String path) {
            this.executable = path;
            return this;
        }

        /** V4L2: the format to ask the device for, e.g. {@code mjpeg} (then copied) or {@code yuyv422}. */
        public Builder inputFormat(final String format) {
            requireV4l2("an input format");
            this.inputFormat = require(FORMAT_NAME, format, "input format");
            return this;
        }

        /** V4L2: the capture size, e.g. {@code 1280x720}. */
        public Builder videoSize(final String size) {
            requireV4l2("a video size");
            this.videoSize = require(VIDEO_SIZE, size, "video size");
            return this;
        }

        /** V4L2: the capture rate to ask the device for. */
        public Builder framerate(final int framesPerSecond) {
            requireV4l2("a capture frame rate");
            if (framesPerSecond < 1) {
                throw new IllegalArgumentException("framerate must be positive");
            }
            this.framerate = framesPerSecond;
            return this;
        }

        /** The output rate, through an fps filter; at least 0.1. Not with copied MJPEG. */
        public Builder fps(final double framesPerSecond) {
            if (!(framesPerSecond >= MIN_FPS)) {
                throw new IllegalArgumentException("fps must be at least " + MIN_FPS);
            }
            this.fps = framesPerSecond;
            return this;
        }

        /** Files: start over at the end, rather than being played once. */
        public Builder loop(final boolean loopFile) {
            if (input != Input.FILE) {
                throw new IllegalArgumentException("only a file can loop, not " + input);
            }
            this.loop = loopFile;
            return this;
        }

        public FfmpegCommand build() {
            if (executable == null || executable.isBlank()) {
                throw new IllegalArgumentException("an ffmpeg executable is required");
            }
            final FfmpegCommand command = new FfmpegCommand(this);
            if (command.copiesMjpeg() && fps != null) {
                throw new IllegalArgumentException("MJPEG from the device is copied, not filtered: set its framerate instead of fps");
            }
            return command;
        }

        private void requireV4l2(final String what) {
            if (input != Input.V4L2) {
                throw new IllegalArgumentException("only a V4L2 device takes " + what + ", not " + input);
            }
        }

        private static String require(final Pattern pattern, final String value, final String what) {
            if (value == null || !pattern.matcher(value).matches()) {
                throw new IllegalArgumentException("Not a valid " + what + ": " + value);
            }
            return value;
        }
    }
}

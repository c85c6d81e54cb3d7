package dev.nifiidcard.camera.grab;

import dev.nifiidcard.camera.SourceMasker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drains a process's stderr (so that it never blocks on a full pipe) and keeps its last lines, masked, for the message
 * that reports why it exited. ffmpeg quotes its input URL in errors, credentials included.
 */
final class StderrTail {

    private static final int MAX_LINES = 20;
    private static final int MAX_LINE_CHARS = 500;
    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s'\"]+");

    private final String source;
    private final String maskedSource;
    private final ArrayDeque<String> lines = new ArrayDeque<>(MAX_LINES);

    StderrTail(final String source) {
        this.source = source;
        this.maskedSource = SourceMasker.mask(source);
    }

    /** Reads until the end of the stream; run on a thread of its own. */
    void drain(final InputStream stderr) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                add(line);
            }
        } catch (final IOException e) {
            // the process is gone: what was read is all there is
        }
    }

    /** The kept lines, oldest first, joined with " | "; empty when there were none. */
    synchronized String text() {
        return String.join(" | ", lines);
    }

    private synchronized void add(final String line) {
        if (line.isBlank()) {
            return;
        }
        if (lines.size() == MAX_LINES) {
            lines.removeFirst();
        }
        // mask before cutting, so that no URL is cut short of what the masking recognizes
        final String masked = mask(line);
        lines.addLast(masked.length() > MAX_LINE_CHARS ? masked.substring(0, MAX_LINE_CHARS) + "..." : masked);
    }

    private String mask(final String line) {
        final Matcher urls = URL.matcher(line.replace(source, maskedSource));
        return urls.replaceAll(url -> Matcher.quoteReplacement(SourceMasker.mask(url.group())));
    }
}

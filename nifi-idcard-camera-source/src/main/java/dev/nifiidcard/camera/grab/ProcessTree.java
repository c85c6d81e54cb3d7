package dev.nifiidcard.camera.grab;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a process and everything it started (ffmpeg behind a wrapper script, say). Descendants go first and are given
 * time to exit while their parent is still there to reap them: an orphan is left to PID 1, which in a container may
 * never reap it. Every wait is bounded.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /** Waits for the process to exit by itself, and stops it after the grace; its exit code, or -1 if it lives on. */
    static int awaitExit(final Process process, final Duration grace) {
        return waitFor(process, grace) ? process.exitValue() : stop(process, grace);
    }

    /** Asks the tree to stop, forces what is left after the grace; the exit code, or -1 if it lives on. */
    static int stop(final Process process, final Duration grace) {
        final List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        awaitAll(descendants, grace);
        process.destroy();
        if (!waitFor(process, grace)) {
            kill(process, grace);
            waitFor(process, grace);
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Kills the tree at once, for a process that may be stuck where a polite signal does not reach. */
    static void kill(final Process process, final Duration grace) {
        final List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        awaitAll(descendants, grace);
        process.destroyForcibly();
    }

    private static boolean waitFor(final Process process, final Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void awaitAll(final List<ProcessHandle> processes, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        for (final ProcessHandle process : processes) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (final TimeoutException | ExecutionException e) {
                // what is left is killed with its parent
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

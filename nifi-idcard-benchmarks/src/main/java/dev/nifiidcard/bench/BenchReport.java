package dev.nifiidcard.bench;

import dev.nifiidcard.bench.OcrBenchmark.Size;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

import static dev.nifiidcard.bench.OcrBenchmark.LIMIT;
import static dev.nifiidcard.bench.OcrBenchmark.LIMIT_PER_REQUEST;
import static dev.nifiidcard.bench.OcrBenchmark.OURS;
import static dev.nifiidcard.bench.OcrBenchmark.SDK;
import static dev.nifiidcard.bench.OcrBenchmark.SIZES;
import static dev.nifiidcard.bench.OcrBenchmark.UNCAPPED;
import static dev.nifiidcard.bench.OcrBenchmark.UNSIGNED;

/** The tables of {@link OcrBenchmark}, printed as Markdown. */
final class BenchReport {

    private BenchReport() {
    }

    static void print(final Map<Size, byte[]> images, final Map<String, Map<Size, Measure.Single>> single,
                      final Map<String, double[]> tput, final String sdkProblem) {
        final int w = single.keySet().stream().mapToInt(String::length).max().orElse(40);
        System.out.println();
        System.out.println("Per request, one calling thread, after warm-up. Allocation = ThreadMXBean.getThreadAllocatedBytes of the");
        System.out.println("calling thread (OkHttp's writer runs on it; the endpoint's threads are not counted); CPU = getCurrentThreadCpuTime.");
        System.out.println();
        System.out.printf(Locale.ROOT, "| %-" + w + "s | image | alloc/request | × image | median ms | p99 ms | CPU ms/request |%n", "scenario");
        System.out.println("|" + "-".repeat(w + 2) + "|-------|--------------:|--------:|----------:|-------:|---------------:|");
        single.forEach((name, bySize) -> bySize.forEach((size, m) -> System.out.printf(Locale.ROOT,
                "| %-" + w + "s | %-5s | %13s | %7.3f | %9.2f | %6.2f | %14.2f |%n", name, size.name(), bytes(m.allocatedBytes()),
                (double) m.allocatedBytes() / images.get(size).length, m.medianNanos() / 1e6, m.p99Nanos() / 1e6, m.cpuNanos() / 1e6)));
        System.out.println();
        System.out.println("Requests/s on the 200KB image, concurrent callers (Max Requests Per Second " + UNCAPPED + "):");
        System.out.println();
        System.out.printf(Locale.ROOT, "| %-" + w + "s | 8 callers | 16 callers |%n", "scenario");
        System.out.println("|" + "-".repeat(w + 2) + "|----------:|-----------:|");
        tput.forEach((name, r) -> System.out.printf(Locale.ROOT, "| %-" + w + "s | %9.1f | %10.1f |%n", name, r[0], r[1]));
        System.out.println();
        if (sdkProblem != null) {
            System.out.println("SDK scenario left out: " + sdkProblem);
        }
        System.out.println("| ratio (tput; median latency)           | 8 callers | 16 callers | median 200KB | median 1MB | median 5MB |");
        System.out.println("|----------------------------------------|----------:|-----------:|-------------:|-----------:|-----------:|");
        if (tput.containsKey(SDK)) {
            ratioRow("ours/SDK", tput.get(OURS), tput.get(SDK), single.get(OURS), single.get(SDK));
        }
        ratioRow("ours/limit pre-built", tput.get(OURS), tput.get(LIMIT), single.get(OURS), single.get(LIMIT));
        ratioRow("ours unsigned/limit pre-built", tput.get(UNSIGNED), tput.get(LIMIT), single.get(UNSIGNED), single.get(LIMIT));
        ratioRow("ours/limit b64+SHA-256 per request", tput.get(OURS), tput.get(LIMIT_PER_REQUEST), single.get(OURS),
                single.get(LIMIT_PER_REQUEST));
        ratioRow("limit b64+SHA-256 per req/pre-built", tput.get(LIMIT_PER_REQUEST), tput.get(LIMIT), single.get(LIMIT_PER_REQUEST),
                single.get(LIMIT));
        System.out.println();
    }

    /**
     * The single-node limiter scenario: what completed at the callers, what arrived at the endpoint, and what a server
     * allowing 20 calls per rolling second would have made of the arrivals.
     */
    static void printLimiter(final int callers, final long seconds, final Measure.Rate rate, final Collection<BenchEndpoint.Arrival> arrivals,
                             final long pauseMillis) {
        final long[] times = arrivals.stream().mapToLong(BenchEndpoint.Arrival::nanos).sorted().toArray();
        // a server allowing 20 per rolling second: a request is throttled when 20 were already accepted in the second before it
        final ArrayDeque<Long> accepted = new ArrayDeque<>();
        int throttled = 0;
        for (final long t : times) {
            while (!accepted.isEmpty() && accepted.peekFirst() <= t - 1_000_000_000L) {
                accepted.pollFirst();
            }
            if (accepted.size() >= 20) {
                throttled++;
            } else {
                accepted.addLast(t);
            }
        }
        System.out.printf(Locale.ROOT, "Rate limiter: Max Requests Per Second 20, %d callers, %d s measured (after 1 s warm-up):%n", callers, seconds);
        System.out.printf(Locale.ROOT, "  completed %.2f req/s at the callers (%.1f tries/s not sent: RATE_LIMITED, each followed by a %d ms pause);%n",
                rate.completedPerSecond(), rate.notSentPerSecond(), pauseMillis);
        final long[] measured = afterWarmUp(times);
        System.out.printf(Locale.ROOT, "  %d arrivals at the endpoint in all; %d after the first second (warm-up) at %.2f req/s;%n",
                times.length, measured.length, rate(measured));
        System.out.printf(Locale.ROOT, "  a server enforcing 20 per rolling second would have throttled %d of them.%n", throttled);
    }

    /** The arrivals from one second after the first on: those of the measured seconds. */
    static long[] afterWarmUp(final long[] sortedNanos) {
        return sortedNanos.length == 0 ? sortedNanos
                : Arrays.stream(sortedNanos).filter(t -> t >= sortedNanos[0] + 1_000_000_000L).toArray();
    }

    /** Arrivals per second from the first to the last, or 0 with fewer than two. */
    static double rate(final long[] sortedNanos) {
        return sortedNanos.length < 2 ? 0 : (sortedNanos.length - 1) * 1e9 / (sortedNanos[sortedNanos.length - 1] - sortedNanos[0]);
    }

    private static void ratioRow(final String label, final double[] tputOurs, final double[] tputOther,
                                 final Map<Size, Measure.Single> ours, final Map<Size, Measure.Single> other) {
        final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %-38s | %9.2f | %10.2f |", label,
                tputOurs[0] / tputOther[0], tputOurs[1] / tputOther[1]));
        for (final Size size : SIZES) {
            row.append(String.format(Locale.ROOT, " %12.2f |", (double) ours.get(size).medianNanos() / other.get(size).medianNanos()));
        }
        System.out.println(row);
    }

    static String bytes(final long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.2f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}

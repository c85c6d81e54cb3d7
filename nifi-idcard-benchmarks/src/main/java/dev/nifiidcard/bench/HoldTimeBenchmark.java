package dev.nifiidcard.bench;

import dev.nifiidcard.bench.HoldTimeProbes.Kind;
import dev.nifiidcard.bench.HoldTimeProbes.TimedProcessor;
import dev.nifiidcard.bench.HoldTimeProbes.TimedService;
import dev.nifiidcard.bench.HoldTimeProbes.Trigger;
import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.provider.AbstractIdCardOcrService;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * How long one onTrigger of {@code SignAndRecognizeIdCard} holds its thread when the provider throttles: an endpoint
 * answering Tencent's {@code RequestLimitExceeded} to every second call, 8 concurrent tasks, Max Requests Per Second 20
 * (the service's defaults otherwise), 200 FlowFiles of the 200 KB image. nifi-mock neither retries the retry
 * relationship nor honours yield: between batches of triggers, what went to retry is enqueued again, unpenalized (the
 * worst case for contention), up to {@link #RETRIES} times, as NiFi's relationship retry would; yield is measured both
 * emulated (NiFi's behaviour) and ignored (nifi-mock's). Every onTrigger is timed, and when one holds its thread
 * longer than the bound, what the machine took of it (run-queue wait, JVM stalls) is reported beside it.
 */
final class HoldTimeBenchmark {

    static final int FLOWFILES = 200;
    static final int TASKS = 8;
    static final int RETRIES = 5;
    private static final String RATE = "20";
    /** Triggers per runner.run: 2 per task, then what went to retry is enqueued again. */
    private static final int BATCH = 2 * TASKS;
    private static final String INDEX = "bench.index";

    private HoldTimeBenchmark() {
    }

    /** What became of the FlowFiles. */
    private record Routes(int success, int warning, int failure, int retryAfterLast, int retriesEnqueued, Map<String, Integer> failureCodes) {
    }

    static String report(final BenchEndpoint endpoint, final byte[] image) throws Exception {
        final Duration yield = yieldDuration();
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Hold time: SignAndRecognizeIdCard in nifi-mock, %d tasks, %d FlowFiles of %d bytes, Max Requests "
                        + "Per Second %s (permit interval %.0f ms, permit wait at most %d ms), endpoint answering RequestLimitExceeded to "
                        + "every second call; what went to retry enqueued again, unpenalized, after each batch of %d triggers, up to %d "
                        + "times. Every onTrigger timed (System.nanoTime around onTrigger(context, session)).%n", TASKS, FLOWFILES,
                image.length, RATE, 1000 / Double.parseDouble(RATE), AbstractIdCardOcrService.PERMIT_WAIT.toMillis(), BATCH, RETRIES));
        out.append(run(endpoint, image, yield.toNanos(), "yield honoured (" + yield.toMillis() + " ms, the processor's default Yield Duration), as NiFi"));
        out.append(run(endpoint, image, 0, "yield ignored, as nifi-mock"));
        return out.toString();
    }

    private static String run(final BenchEndpoint endpoint, final byte[] image, final long yieldNanos, final String label) throws Exception {
        final TimedProcessor processor = new TimedProcessor(yieldNanos);
        final TestRunner runner = TestRunners.newTestRunner(processor);
        final TimedService service = new TimedService();
        BenchEndpoint.addService(runner, service, endpoint.url(), RATE);
        runner.enableControllerService(service);
        runner.setProperty(SignAndRecognizeIdCard.OCR_SERVICE, "ocr");
        runner.setThreadCount(TASKS);
        runner.assertValid();
        for (int i = 0; i < FLOWFILES; i++) {
            runner.enqueue(image, Map.of("filename", "card-" + i + ".jpg", INDEX, Integer.toString(i)));
        }

        endpoint.resetCounts();
        endpoint.throttleEverySecondCall(true);
        endpoint.recordArrivals();
        final long started = System.nanoTime();
        final Routes routes;
        final List<GcPauses.Pause> pauses;
        final List<Stalls.Stall> stalls;
        try (GcPauses gc = new GcPauses(); Stalls meter = new Stalls()) {
            routes = drive(runner);
            pauses = gc.pauses();
            stalls = meter.stalls();
        } finally {
            endpoint.throttleEverySecondCall(false);
        }
        final double wallSeconds = (System.nanoTime() - started) / 1e9;
        final long[] arrivals = endpoint.stopRecording().stream().mapToLong(BenchEndpoint.Arrival::nanos).sorted().toArray();
        runner.stop();
        runner.disableControllerService(service);

        final List<Trigger> triggers = new ArrayList<>(processor.triggers());
        final long[] requests = triggers.stream().filter(t -> t.requestNanos() > 0).mapToLong(Trigger::requestNanos).sorted().toArray();
        final long rtt = Measure.quantile(requests, 0.5);
        final long interval = Math.round(1e9 / Double.parseDouble(RATE));
        final long bound = interval + rtt;
        final long maxHold = triggers.stream().mapToLong(Trigger::holdNanos).max().orElse(0);
        final long rateLimited = count(triggers, t -> t.kind() == Kind.RATE_LIMITED);
        final long sent = count(triggers, t -> t.kind() == Kind.SENT_CARD || t.kind() == Kind.SENT_REFUSED);

        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%s: %.1f s for the %d FlowFiles%n%n", label, wallSeconds, FLOWFILES));
        out.append("| onTrigger                                   | count |  p50 ms |  p90 ms |  p99 ms |  max ms |\n");
        out.append("|---------------------------------------------|------:|--------:|--------:|--------:|--------:|\n");
        row(out, "every onTrigger", triggers, t -> true);
        row(out, "those that took a FlowFile", triggers, t -> t.kind() != Kind.NO_CALL);
        row(out, "sent, card answered (success)", triggers, t -> t.kind() == Kind.SENT_CARD);
        row(out, "sent, RequestLimitExceeded (retry)", triggers, t -> t.kind() == Kind.SENT_REFUSED);
        row(out, "RATE_LIMITED: nothing sent, rolled back", triggers, t -> t.kind() == Kind.RATE_LIMITED);
        row(out, "no FlowFile queued (service not called)", triggers, t -> t.kind() == Kind.NO_CALL);
        out.append(String.format(Locale.ROOT, "%n  rolled back for RATE_LIMITED: %d triggers (session rolled back in %d of them); sent: %d triggers%n",
                rateLimited, count(triggers, Trigger::rolledBack), sent));
        out.append(String.format(Locale.ROOT, "  endpoint: %d calls (%d answered RequestLimitExceeded), %.2f calls/s from first to last arrival%n",
                endpoint.calls(), endpoint.throttled(), BenchReport.rate(arrivals)));
        final long[] waits = triggers.stream().filter(t -> t.kind() != Kind.NO_CALL).mapToLong(Trigger::permitWaitNanos).sorted().toArray();
        out.append(String.format(Locale.ROOT, "  round trip (permit taken -> answer read, signing included): median %.2f ms, p90 %.2f, max %.2f; "
                        + "permit wait max %.2f ms%n", ms(rtt), ms(Measure.quantile(requests, 0.9)), ms(Measure.quantile(requests, 1)),
                ms(Measure.quantile(waits, 1))));
        out.append(String.format(Locale.ROOT, "  routes: success %d, warning %d, failure %d %s, retry after the last of %d retries %d; "
                        + "enqueued again from retry: %d%n", routes.success(), routes.warning(), routes.failure(), routes.failureCodes(),
                RETRIES, routes.retryAfterLast(), routes.retriesEnqueued()));
        out.append(String.format(Locale.ROOT, "  p100 <= permit interval (%.0f ms) + RTT: max %.2f ms against %.2f ms (%.0f + %.2f): %s "
                        + "(%d of %d triggers above; hold minus own round trip: max %.2f ms)%n", ms(interval), ms(maxHold), ms(bound), ms(interval), ms(rtt),
                maxHold <= bound ? "MET" : "NOT MET", count(triggers, t -> t.holdNanos() > bound), triggers.size(),
                ms(triggers.stream().mapToLong(t -> t.holdNanos() - t.requestNanos()).max().orElse(0))));
        // why a trigger held its thread longer: the machine's share, not the processor's. Its thread waited for a CPU
        // (run queue), or the whole JVM stalled inside it (GC, the process or the virtual machine not running): the
        // excess over the bound counts as explained when the longer of the two covers it
        final List<Trigger> above = triggers.stream().filter(t -> t.holdNanos() > bound).toList();
        final long explained = above.stream().filter(t -> t.holdNanos() - bound
                <= Math.max(t.runQueueNanos(), Stalls.inside(stalls, t.startNanos(), t.startNanos() + t.holdNanos()))).count();
        out.append(String.format(Locale.ROOT, "  why above: %d JVM stalls >= %d ms during the run (a 1 ms sleeper woke late), longest %.1f ms, "
                        + "%.1f ms in all; GC: %d pauses, longest %.1f ms; of the %d triggers above the bound, %d waited for a CPU "
                        + "(/proc/thread-self/schedstat) or stalled at least as long as their excess%n", stalls.size(),
                Stalls.THRESHOLD_NANOS / 1_000_000, ms(stalls.stream().mapToLong(Stalls.Stall::nanos).max().orElse(0)),
                ms(stalls.stream().mapToLong(Stalls.Stall::nanos).sum()), pauses.size(),
                ms(pauses.stream().mapToLong(p -> p.endNanos() - p.startNanos() - 2_000_000L).max().orElse(0)), above.size(), explained));
        final List<Trigger> longest = triggers.stream().sorted(Comparator.comparingLong(Trigger::holdNanos).reversed()).limit(3).toList();
        out.append("  the 3 longest:");
        for (final Trigger t : longest) {
            out.append(String.format(Locale.ROOT, " %.1f ms = %.1f before the call + %.1f permit wait + %.1f round trip + %.1f after (%s; "
                            + "CPU wait %.1f, JVM stalls %.1f);", ms(t.holdNanos()), ms(t.beforeCallNanos()), ms(t.permitWaitNanos()),
                    ms(t.requestNanos()), ms(t.afterCallNanos()), t.kind(), ms(t.runQueueNanos()),
                    ms(Stalls.inside(stalls, t.startNanos(), t.startNanos() + t.holdNanos()))));
        }
        out.append('\n');
        return out.toString();
    }

    /**
     * Runs batches of triggers until no FlowFile is queued; between batches, what went to retry is enqueued again with
     * its original attributes (as NiFi's relationship retry re-queues it) until it has been retried {@link #RETRIES} times.
     */
    private static Routes drive(final TestRunner runner) {
        final int[] retries = new int[FLOWFILES];
        int success = 0;
        int warning = 0;
        int retryAfterLast = 0;
        int enqueuedAgain = 0;
        final List<MockFlowFile> failures = new ArrayList<>();
        boolean first = true;
        while (true) {
            success += runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS).size();
            warning += runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_WARNING).size();
            failures.addAll(runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE));
            final List<MockFlowFile> retried = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_RETRY);
            runner.clearTransferState();
            for (final MockFlowFile flowFile : retried) {
                final int index = Integer.parseInt(flowFile.getAttribute(INDEX));
                if (retries[index] == RETRIES) {
                    retryAfterLast++;
                    continue;
                }
                retries[index]++;
                enqueuedAgain++;
                final Map<String, String> original = new HashMap<>(flowFile.getAttributes());
                original.keySet().removeIf(name -> name.startsWith(IdCardAttributes.PREFIX));
                runner.enqueue(flowFile.toByteArray(), original);
            }
            if (runner.isQueueEmpty()) {
                break;
            }
            runner.run(BATCH, false, first, 60_000);
            first = false;
        }
        final int total = success + warning + failures.size() + retryAfterLast;
        if (total != FLOWFILES) {
            throw new IllegalStateException(total + " FlowFiles came out of " + FLOWFILES);
        }
        final Map<String, Integer> codes = new TreeMap<>();
        failures.forEach(f -> codes.merge(String.valueOf(f.getAttribute(IdCardAttributes.ERROR_CODE)), 1, Integer::sum));
        return new Routes(success, warning, failures.size(), retryAfterLast, enqueuedAgain, codes);
    }

    private static void row(final StringBuilder out, final String label, final List<Trigger> triggers, final Predicate<Trigger> which) {
        final long[] holds = triggers.stream().filter(which).mapToLong(Trigger::holdNanos).sorted().toArray();
        out.append(String.format(Locale.ROOT, "| %-43s | %5d | %7.2f | %7.2f | %7.2f | %7.2f |%n", label, holds.length,
                ms(Measure.quantile(holds, 0.5)), ms(Measure.quantile(holds, 0.9)), ms(Measure.quantile(holds, 0.99)),
                ms(Measure.quantile(holds, 1))));
    }

    private static long count(final List<Trigger> triggers, final Predicate<Trigger> which) {
        return triggers.stream().filter(which).count();
    }

    private static double ms(final long nanos) {
        return nanos / 1e6;
    }

    /** The processor's default Yield Duration, from its @DefaultSettings ("50 millis"). */
    private static Duration yieldDuration() {
        final String[] value = SignAndRecognizeIdCard.class.getAnnotation(DefaultSettings.class).yieldDuration().trim().split("\\s+");
        final long amount = Long.parseLong(value[0]);
        return switch (value[1].toLowerCase(Locale.ROOT)) {
            case "ms", "millis", "milliseconds" -> Duration.ofMillis(amount);
            case "sec", "secs", "second", "seconds" -> Duration.ofSeconds(amount);
            default -> throw new IllegalStateException("unexpected yield duration " + String.join(" ", value));
        };
    }

    /** Runs this benchmark alone against a fresh endpoint: {@code java ... HoldTimeBenchmark <image.jpg>}. */
    public static void main(final String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try (BenchEndpoint endpoint = new BenchEndpoint()) {
            System.out.println(report(endpoint, java.nio.file.Files.readAllBytes(java.nio.file.Path.of(args[0]))));
        }
    }
}

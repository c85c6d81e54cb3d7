package dev.nifiidcard.bench;

import dev.nifiidcard.ocr.IdCardOcrService;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Max Requests Per Second 20 on a simulated 2-node cluster: two enabled services, each told that 2 nodes are connected,
 * call one endpoint at once with 8 callers each. Each should take its share, 10 calls per second. A caller its node's
 * limiter refuses (RATE_LIMITED: nothing sent) pauses as the processor yields and tries again. Counted: the calls that
 * completed at each node's callers, and at the endpoint the arrivals from each node (told apart by their X-TC-Region).
 */
final class ClusterShareBenchmark {

    static final int NODES = 2;
    private static final int CALLERS = 8;
    private static final List<String> REGIONS = List.of("ap-guangzhou", "ap-shanghai");

    /** A Tencent service on a node of a cluster of {@link #NODES} connected nodes. */
    private static final class NodeOfTwo extends TencentCloudIdCardOcrService {
        @Override
        protected int sharingNodes() {
            return NODES;
        }
    }

    private ClusterShareBenchmark() {
    }

    /** The calls per second each node completed, measured over the same seconds, and what reached the endpoint. */
    static String report(final BenchEndpoint endpoint, final byte[] image, final long seconds) throws Exception {
        final ImageSource source = ImageSource.of(image);
        final IdCardOcrService first = node(endpoint, REGIONS.get(0));
        final IdCardOcrService second = node(endpoint, REGIONS.get(1));
        endpoint.recordArrivals();
        // a thread per node, so that both run at once whatever the common pool's size
        final Executor perNode = task -> Thread.ofPlatform().start(task);
        final CompletableFuture<Measure.Rate> a = CompletableFuture.supplyAsync(() -> rate(first, source, seconds), perNode);
        final CompletableFuture<Measure.Rate> b = CompletableFuture.supplyAsync(() -> rate(second, source, seconds), perNode);
        final Measure.Rate ra = a.get();
        final Measure.Rate rb = b.get();
        final Collection<BenchEndpoint.Arrival> arrivals = endpoint.stopRecording();
        final double[] atEndpoint = new double[NODES];
        for (int node = 0; node < NODES; node++) {
            final String region = REGIONS.get(node);
            atEndpoint[node] = BenchReport.rate(BenchReport.afterWarmUp(arrivals.stream()
                    .filter(arrival -> Objects.equals(region, arrival.region())).mapToLong(BenchEndpoint.Arrival::nanos).sorted().toArray()));
        }
        return String.format(Locale.ROOT, "Max Requests Per Second 20 on a simulated %d-node cluster, %d callers a node, %d s measured "
                        + "(after 1 s warm-up):%n  completed at the callers: %.2f and %.2f req/s per node, %.2f in all "
                        + "(%.1f and %.1f tries/s not sent: RATE_LIMITED, each followed by a %d ms pause);%n"
                        + "  arriving at the endpoint (%d arrivals; rate after each node's first second, the warm-up): %.2f and %.2f req/s "
                        + "per node, %.2f in all%n",
                NODES, CALLERS, seconds, ra.completedPerSecond(), rb.completedPerSecond(), ra.completedPerSecond() + rb.completedPerSecond(),
                ra.notSentPerSecond(), rb.notSentPerSecond(), OcrBenchmark.PAUSE_AFTER_REFUSAL_MILLIS,
                arrivals.size(), atEndpoint[0], atEndpoint[1], atEndpoint[0] + atEndpoint[1]);
    }

    private static Measure.Rate rate(final IdCardOcrService node, final ImageSource source, final long seconds) {
        try {
            return Measure.paced(OcrBenchmark.attempt(node, source), CALLERS, seconds, OcrBenchmark.PAUSE_AFTER_REFUSAL_MILLIS);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static IdCardOcrService node(final BenchEndpoint endpoint, final String region) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(new SignAndRecognizeIdCard());
        final TencentCloudIdCardOcrService service = new NodeOfTwo();
        BenchEndpoint.addService(runner, service, endpoint.url(), "20");
        runner.setProperty(service, TencentCloudIdCardOcrService.REGION, region);
        runner.enableControllerService(service);
        return service;
    }
}

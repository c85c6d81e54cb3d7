package dev.nifiidcard.bench;

import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardOcrService;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Max Requests Per Second 20 on a simulated 2-node cluster: two enabled services, each told that 2 nodes are connected,
 * call one endpoint at once with 8 callers each. Each should take its share, 10 calls per second.
 */
final class ClusterShareBenchmark {

    static final int NODES = 2;
    private static final RecognitionRequest REQUEST = new RecognitionRequest(null, EnumSet.noneOf(CardWarning.class), false, false, false);

    /** A Tencent service on a node of a cluster of {@link #NODES} connected nodes. */
    private static final class NodeOfTwo extends TencentCloudIdCardOcrService {
        @Override
        protected int sharingNodes() {
            return NODES;
        }
    }

    private ClusterShareBenchmark() {
    }

    /** The calls per second each node completed, measured over the same seconds, as a line of the report. */
    static String report(final BenchEndpoint endpoint, final byte[] image, final long seconds) throws Exception {
        final ImageSource source = ImageSource.of(image);
        final IdCardOcrService first = node(endpoint);
        final IdCardOcrService second = node(endpoint);
        final CompletableFuture<Double> a = CompletableFuture.supplyAsync(() -> rate(first, source, seconds));
        final CompletableFuture<Double> b = CompletableFuture.supplyAsync(() -> rate(second, source, seconds));
        return String.format(Locale.ROOT, "Max Requests Per Second 20 on a simulated %d-node cluster, 8 callers a node, %d s: "
                + "%.2f and %.2f req/s per node, %.2f in all", NODES, seconds, a.get(), b.get(), a.get() + b.get());
    }

    private static double rate(final IdCardOcrService node, final ImageSource source, final long seconds) {
        try {
            return Measure.throughput(() -> node.recognize(source, REQUEST), 8, seconds);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static IdCardOcrService node(final BenchEndpoint endpoint) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(new SignAndRecognizeIdCard());
        final TencentCloudIdCardOcrService service = new NodeOfTwo();
        runner.addControllerService("ocr", service);
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_ID, BenchEndpoint.SECRET_ID);
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_KEY, BenchEndpoint.SECRET_KEY);
        runner.setProperty(service, TencentCloudIdCardOcrService.ENDPOINT_URL, endpoint.url());
        runner.setProperty(service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, "20");
        runner.enableControllerService(service);
        return service;
    }
}

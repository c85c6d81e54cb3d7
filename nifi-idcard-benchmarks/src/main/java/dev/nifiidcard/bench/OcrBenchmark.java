package dev.nifiidcard.bench;

import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardOcrService;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.provider.AbstractIdCardOcrService;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.provider.http.HttpClientFactory;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import okhttp3.OkHttpClient;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockPropertyContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The OCR request path benchmark: our service, the whole processor in nifi-mock, the official SDK (in its own JVM)
 * and raw OkHttp (posting pre-built bytes, and encoding and hashing each image in memory per request), all against one
 * local TC3-verifying endpoint; then the rate limiter, {@link ClusterShareBenchmark} and {@link HoldTimeBenchmark}.
 * Run from the repository root: {@code ./mvnw -B -Pbenchmark -DskipTests package}.
 */
public final class OcrBenchmark {

    static final RecognitionRequest REQUEST = new RecognitionRequest(null, EnumSet.noneOf(CardWarning.class), false, false, false);

    record Size(String name, int width, int height, long target, int warmup, int iterations) {
    }

    static final List<Size> SIZES = List.of(
            new Size("200KB", 1280, 800, 200_000, 300, 400),
            new Size("1MB", 2560, 1600, 1_000_000, 80, 150),
            new Size("5MB", 4600, 2900, 5_000_000, 20, 50));

    static final int[] CALLERS = {8, 16};
    /** Max Requests Per Second for the throughput scenarios: the property's maximum, far above what 2 cores reach. */
    static final String UNCAPPED = "10000";
    static final String OURS = "ours: TencentCloudIdCardOcrService";
    static final String UNSIGNED = "ours: service, Sign Request Body false";
    static final String PROCESSOR = "ours: SignAndRecognizeIdCard (nifi-mock)";
    static final String SDK = "SDK 3.1.1342 (own JVM)";
    static final String LIMIT = "limit: raw OkHttp, pre-built body";
    static final String LIMIT_PER_REQUEST = "limit: raw OkHttp, base64 + SHA-256 per request (in memory)";
    static final long TPUT_SECONDS = Long.getLong("bench.tputSeconds", 4);
    private static final long RATE_SECONDS = Long.getLong("bench.rateSeconds", 10);
    /** A caller the rate limit refused pauses this long before trying again, as the processor yields (its default). */
    static final long PAUSE_AFTER_REFUSAL_MILLIS = AbstractIdCardOcrService.PERMIT_WAIT.toMillis();

    private OcrBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        final Path dir = Path.of(System.getProperty("bench.dir", "target/bench"));
        final Path sdkDir = Path.of(System.getProperty("bench.sdkDir", "../nifi-idcard-benchmarks-sdk/target"));

        System.out.printf(Locale.ROOT, "OCR request path benchmark: Java %s, %d available processors, max heap %d MB%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        final Map<Size, byte[]> images = new LinkedHashMap<>();
        final Map<Size, Path> files = new LinkedHashMap<>();
        for (final Size size : SIZES) {
            final Path file = BenchImages.jpeg(dir.resolve("images"), size.name(), size.width(), size.height(), size.target());
            files.put(size, file.toAbsolutePath());
            images.put(size, Files.readAllBytes(file));
            System.out.printf(Locale.ROOT, "image %-5s %dx%d JPEG, %d bytes%n", size.name(), size.width(), size.height(), images.get(size).length);
        }

        try (BenchEndpoint endpoint = new BenchEndpoint()) {
            final Map<String, Map<Size, Measure.Single>> single = new LinkedHashMap<>();
            final Map<String, double[]> tput = new LinkedHashMap<>();

            // 3. the official SDK, first, in its own JVM while this one idles
            final Map<Size, Measure.Single> sdkSingle = new LinkedHashMap<>();
            final double[] sdkTput = new double[CALLERS.length];
            final String sdkProblem = SdkProcess.run(endpoint, sdkDir, files, sdkSingle, sdkTput);

            // 1. our service, as the processor calls it; 1b. the same with Sign Request Body false
            // (X-TC-Content-SHA256: UNSIGNED-PAYLOAD, no hashing pass)
            final TestRunner runner = runner(endpoint.url(), UNCAPPED, "true");
            final ImageSource small = ImageSource.of(images.get(SIZES.get(0)));
            for (final String name : List.of(OURS, UNSIGNED)) {
                final TestRunner serviceRunner = name.equals(OURS) ? runner : runner(endpoint.url(), UNCAPPED, "false");
                final IdCardOcrService service = (IdCardOcrService) serviceRunner.getControllerService("ocr");
                single.put(name, new LinkedHashMap<>());
                for (final Size size : SIZES) {
                    final ImageSource source = ImageSource.of(images.get(size));
                    single.get(name).put(size, Measure.single(() -> check(service.recognize(source, REQUEST)),
                            size.warmup(), size.iterations()));
                }
                tput.put(name, throughputs(() -> check(service.recognize(small, REQUEST))));
            }

            // 2. the whole processor in nifi-mock, per FlowFile
            single.put(PROCESSOR, new LinkedHashMap<>());
            final SignAndRecognizeIdCard processor = (SignAndRecognizeIdCard) runner.getProcessor();
            for (final Size size : SIZES) {
                final byte[] image = images.get(size);
                single.get(PROCESSOR).put(size, Measure.single(() -> {
                    runner.enqueue(image, Map.of("filename", "card.jpg"));
                    processor.onTrigger(runner.getProcessContext(), runner.getProcessSessionFactory());
                    final List<MockFlowFile> ok = runner.getFlowFilesForRelationship("success");
                    if (ok.size() != 1 || ok.get(0).getAttribute("idcard.name") == null) {
                        throw new IllegalStateException("not recognized: " + runner.getFlowFilesForRelationship("failure")
                                + runner.getFlowFilesForRelationship("retry"));
                    }
                    runner.clearTransferState();
                    runner.clearProvenanceEvents();
                }, size.warmup(), size.iterations()));
            }

            if (sdkProblem == null) {
                single.put(SDK, sdkSingle);
                tput.put(SDK, sdkTput);
            }

            // 4. the limits, with the same client configuration as our service's (HttpClientFactory: timeouts, no
            // silent retry, TCP_NODELAY): raw OkHttp posting pre-built, pre-hashed bytes (only the headers are signed
            // per request); and encoding and hashing the in-memory image for each request, as a signing client must
            final OkHttpClient http = HttpClientFactory.create(new MockPropertyContext(Map.of(
                    HttpClientProperties.CONNECT_TIMEOUT, "10 secs", HttpClientProperties.READ_TIMEOUT, "30 secs")));
            for (final String name : List.of(LIMIT, LIMIT_PER_REQUEST)) {
                single.put(name, new LinkedHashMap<>());
                for (final Size size : SIZES) {
                    single.get(name).put(size, Measure.single(raw(name, http, endpoint.port(), images.get(size)),
                            size.warmup(), size.iterations()));
                }
                tput.put(name, throughputs(raw(name, http, endpoint.port(), images.get(SIZES.get(0)))));
            }
            HttpClientFactory.close(http);
            BenchReport.print(images, single, tput, sdkProblem);

            // rate limiter accuracy: a caller the limiter refuses (RATE_LIMITED, nothing sent) pauses and tries again
            final TestRunner limited = runner(endpoint.url(), "20", "true");
            final IdCardOcrService limitedService = (IdCardOcrService) limited.getControllerService("ocr");
            endpoint.recordArrivals();
            final Measure.Rate rate = Measure.paced(attempt(limitedService, small), 16, RATE_SECONDS, PAUSE_AFTER_REFUSAL_MILLIS);
            final ConcurrentLinkedQueue<BenchEndpoint.Arrival> arrivals = endpoint.stopRecording();
            BenchReport.printLimiter(16, RATE_SECONDS, rate, arrivals, PAUSE_AFTER_REFUSAL_MILLIS);
            System.out.printf(Locale.ROOT, "Endpoint refusals (bad signatures) so far: %d%n%n", endpoint.refused());

            System.out.println(ClusterShareBenchmark.report(endpoint, images.get(SIZES.get(0)), RATE_SECONDS));
            System.out.println(HoldTimeBenchmark.report(endpoint, images.get(SIZES.get(0))));
            System.out.printf(Locale.ROOT, "Endpoint refusals (bad signatures) during the whole run: %d%n", endpoint.refused());
        }
    }

    private static Measure.Call raw(final String name, final OkHttpClient http, final int port, final byte[] image) throws Exception {
        return name.equals(LIMIT) ? RawCalls.preBuilt(http, port, image) : RawCalls.perRequest(http, port, image);
    }

    /** One recognition that the rate limit may refuse before sending: false then (RATE_LIMITED), true when it completed. */
    static Measure.Attempt attempt(final IdCardOcrService service, final ImageSource source) {
        return () -> {
            try {
                check(service.recognize(source, REQUEST));
                return true;
            } catch (final IdCardOcrException e) {
                if (e.getCategory() == IdCardOcrException.Category.RATE_LIMITED) {
                    return false;
                }
                throw e;
            }
        };
    }

    private static double[] throughputs(final Measure.Call call) throws Exception {
        final double[] result = new double[CALLERS.length];
        for (int i = 0; i < CALLERS.length; i++) {
            result[i] = Measure.throughput(call, CALLERS[i], TPUT_SECONDS);
        }
        return result;
    }

    static void check(final IdCardRecognition recognition) {
        if (recognition.fields().isEmpty()) {
            throw new IllegalStateException("nothing recognized");
        }
    }

    private static TestRunner runner(final String url, final String maxRequestsPerSecond, final String signBody)
            throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(new SignAndRecognizeIdCard());
        final TencentCloudIdCardOcrService service = new TencentCloudIdCardOcrService();
        BenchEndpoint.addService(runner, service, url, maxRequestsPerSecond);
        runner.setProperty(service, TencentCloudIdCardOcrService.REGION, "ap-guangzhou");
        runner.setProperty(service, TencentCloudIdCardOcrService.SIGN_REQUEST_BODY, signBody);
        runner.enableControllerService(service);
        runner.setProperty(SignAndRecognizeIdCard.OCR_SERVICE, "ocr");
        runner.assertValid();
        return runner;
    }
}

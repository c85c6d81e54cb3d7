package dev.nifiidcard.bench;

import dev.nifiidcard.ocr.IdCardOcrService;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.provider.http.HttpClientFactory;
import dev.nifiidcard.tencent.Tc3Signer;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockPropertyContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The OCR request path benchmark: our service, the whole processor in nifi-mock, the official SDK (in its own JVM)
 * and raw OkHttp posting pre-built bytes, all against one local TC3-verifying endpoint. Run from the repository root:
 * {@code ./mvnw -B -Pbenchmark -DskipTests package}.
 */
public final class OcrBenchmark {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final RecognitionRequest REQUEST = new RecognitionRequest(null, EnumSet.noneOf(dev.nifiidcard.ocr.CardWarning.class), false, false, false);

    record Size(String name, int width, int height, long target, int warmup, int iterations) {
    }

    private static final List<Size> SIZES = List.of(
            new Size("200KB", 1280, 800, 200_000, 300, 400),
            new Size("1MB", 2560, 1600, 1_000_000, 80, 150),
            new Size("5MB", 4600, 2900, 5_000_000, 20, 50));

    private static final int[] CALLERS = {8, 16};
    /** Max Requests Per Second for the throughput scenarios: the property's maximum, far above what 2 cores reach. */
    private static final String UNCAPPED = "10000";
    private static final String UNSIGNED = "ours: service, Sign Request Body false";
    private static final long TPUT_SECONDS = Long.getLong("bench.tputSeconds", 4);
    private static final long RATE_SECONDS = Long.getLong("bench.rateSeconds", 10);

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
            final String sdkProblem = runSdk(endpoint, sdkDir, files, sdkSingle, sdkTput);

            // 1. our service, as the processor calls it
            final TestRunner runner = runner(endpoint.url(), UNCAPPED);
            final IdCardOcrService service = (IdCardOcrService) runner.getControllerService("ocr");
            single.put("ours: TencentCloudIdCardOcrService", new LinkedHashMap<>());
            for (final Size size : SIZES) {
                final ImageSource source = ImageSource.of(images.get(size));
                single.get("ours: TencentCloudIdCardOcrService").put(size, Measure.single(() -> check(service.recognize(source, REQUEST)),
                        size.warmup(), size.iterations()));
            }
            final ImageSource small = ImageSource.of(images.get(SIZES.get(0)));
            tput.put("ours: TencentCloudIdCardOcrService", throughputs(() -> check(service.recognize(small, REQUEST))));

            // 1b. the same with Sign Request Body false: X-TC-Content-SHA256: UNSIGNED-PAYLOAD, no hashing pass
            final TestRunner unsignedRunner = runner(endpoint.url(), UNCAPPED, "false");
            final IdCardOcrService unsigned = (IdCardOcrService) unsignedRunner.getControllerService("ocr");
            single.put(UNSIGNED, new LinkedHashMap<>());
            for (final Size size : SIZES) {
                final ImageSource source = ImageSource.of(images.get(size));
                single.get(UNSIGNED).put(size, Measure.single(() -> check(unsigned.recognize(source, REQUEST)),
                        size.warmup(), size.iterations()));
            }
            tput.put(UNSIGNED, throughputs(() -> check(unsigned.recognize(small, REQUEST))));

            // 2. the whole processor in nifi-mock, per FlowFile
            single.put("ours: SignAndRecognizeIdCard (nifi-mock)", new LinkedHashMap<>());
            final SignAndRecognizeIdCard processor = (SignAndRecognizeIdCard) runner.getProcessor();
            for (final Size size : SIZES) {
                final byte[] image = images.get(size);
                single.get("ours: SignAndRecognizeIdCard (nifi-mock)").put(size, Measure.single(() -> {
                    runner.enqueue(image, Map.of("filename", "card.jpg"));
                    processor.onTrigger(runner.getProcessContext(), runner.getProcessSessionFactory());
                    final List<MockFlowFile> ok = runner.getFlowFilesForRelationship("success");
                    if (ok.size() != 1 || ok.get(0).getAttribute("idcard.name") == null) {
                        throw new IllegalStateException("not recognized: " + runner.getFlowFilesForRelationship("failure"));
                    }
                    runner.clearTransferState();
                    runner.clearProvenanceEvents();
                }, size.warmup(), size.iterations()));
            }

            if (sdkProblem == null) {
                single.put("SDK 3.1.1342 (own JVM)", sdkSingle);
                tput.put("SDK 3.1.1342 (own JVM)", sdkTput);
            }

            // 4. the limit: raw OkHttp posting pre-built, pre-hashed bytes (only the headers are signed per request)
            // the same client configuration as our service's (HttpClientFactory: timeouts, no silent retry, TCP_NODELAY)
            final OkHttpClient http = HttpClientFactory.create(new MockPropertyContext(Map.of(
                    HttpClientProperties.CONNECT_TIMEOUT, "10 secs", HttpClientProperties.READ_TIMEOUT, "30 secs")));
            single.put("limit: raw OkHttp, pre-built body", new LinkedHashMap<>());
            for (final Size size : SIZES) {
                final RawCall raw = new RawCall(http, endpoint.port(), images.get(size));
                single.get("limit: raw OkHttp, pre-built body").put(size, Measure.single(raw::run, size.warmup(), size.iterations()));
            }
            final RawCall rawSmall = new RawCall(http, endpoint.port(), images.get(SIZES.get(0)));
            tput.put("limit: raw OkHttp, pre-built body", throughputs(rawSmall::run));
            HttpClientFactory.close(http);

            // rate limiter accuracy
            final TestRunner limited = runner(endpoint.url(), "20");
            final IdCardOcrService limitedService = (IdCardOcrService) limited.getControllerService("ocr");
            endpoint.recordArrivals();
            final double clientRate = Measure.throughput(() -> check(limitedService.recognize(small, REQUEST)), 16, RATE_SECONDS);
            final ConcurrentLinkedQueue<Long> arrivals = endpoint.stopRecording();

            print(images, single, tput, sdkProblem, clientRate, arrivals, endpoint.refused());
            System.out.println(ClusterShareBenchmark.report(endpoint, images.get(SIZES.get(0)), RATE_SECONDS));
        }
    }

    private static double[] throughputs(final Measure.Call call) throws Exception {
        final double[] result = new double[CALLERS.length];
        for (int i = 0; i < CALLERS.length; i++) {
            result[i] = Measure.throughput(call, CALLERS[i], TPUT_SECONDS);
        }
        return result;
    }

    private static void check(final IdCardRecognition recognition) {
        if (recognition.fields().isEmpty()) {
            throw new IllegalStateException("nothing recognized");
        }
    }

    private static TestRunner runner(final String url, final String maxRequestsPerSecond) throws InitializationException {
        return runner(url, maxRequestsPerSecond, "true");
    }

    private static TestRunner runner(final String url, final String maxRequestsPerSecond, final String signBody)
            throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(new SignAndRecognizeIdCard());
        final TencentCloudIdCardOcrService service = new TencentCloudIdCardOcrService();
        runner.addControllerService("ocr", service);
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_ID, BenchEndpoint.SECRET_ID);
        runner.setProperty(service, TencentCloudIdCardOcrService.SECRET_KEY, BenchEndpoint.SECRET_KEY);
        runner.setProperty(service, TencentCloudIdCardOcrService.ENDPOINT_URL, url);
        runner.setProperty(service, TencentCloudIdCardOcrService.REGION, "ap-guangzhou");
        runner.setProperty(service, HttpClientProperties.MAX_REQUESTS_PER_SECOND, maxRequestsPerSecond);
        runner.setProperty(service, TencentCloudIdCardOcrService.SIGN_REQUEST_BODY, signBody);
        runner.enableControllerService(service);
        runner.setProperty(SignAndRecognizeIdCard.OCR_SERVICE, "ocr");
        runner.assertValid();
        return runner;
    }

    /** The same request body our service sends, built once; each call signs the headers over its precomputed hash. */
    private static final class RawCall {
        private final OkHttpClient http;
        private final String url;
        private final String host;
        private final RequestBody body;
        private final String sha256;

        RawCall(final OkHttpClient http, final int port, final byte[] image) throws Exception {
            this.http = http;
            this.host = "127.0.0.1:" + port;
            this.url = "http://" + host + "/";
            final byte[] bytes = ("{\"ImageBase64\":\"" + Base64.getEncoder().encodeToString(image)
                    + "\",\"EnableRecognitionRectify\":true,\"EnableDateVerify\":true,\"CardWarnType\":\"Basic\"}").getBytes(StandardCharsets.UTF_8);
            this.body = RequestBody.create(bytes, JSON);
            this.sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }

        void run() throws Exception {
            final long timestamp = System.currentTimeMillis() / 1000;
            final SortedMap<String, String> headers = Tc3Signer.canonicalHeaders(Map.of(
                    "content-type", JSON.toString(), "host", host, "x-tc-action", "IDCardOCR"));
            final Request request = new Request.Builder().url(url).post(body)
                    .header("Host", host)
                    .header("X-TC-Action", "IDCardOCR")
                    .header("X-TC-Version", "2018-11-19")
                    .header("X-TC-Region", "ap-guangzhou")
                    .header("X-TC-Timestamp", Long.toString(timestamp))
                    .header("Authorization", Tc3Signer.authorization(BenchEndpoint.SECRET_ID, BenchEndpoint.SECRET_KEY, "ocr",
                            timestamp, headers, sha256))
                    .build();
            try (Response response = http.newCall(request).execute()) {
                final String answer = response.body().string();
                if (!answer.contains("IdNum")) {
                    throw new IllegalStateException("refused: " + answer);
                }
            }
        }
    }

    /** Runs SdkBenchmark in its own JVM; returns why it could not, or null. */
    private static String runSdk(final BenchEndpoint endpoint, final Path sdkDir, final Map<Size, Path> files,
                                 final Map<Size, Measure.Single> single, final double[] tput) throws Exception {
        final Path classpathFile = sdkDir.resolve("sdk-classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            return "no " + classpathFile + ": build nifi-idcard-benchmarks-sdk first";
        }
        final String classpath = sdkDir.resolve("classes").toAbsolutePath() + java.io.File.pathSeparator
                + Files.readString(classpathFile).trim();
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m",
                "-cp", classpath, "dev.nifiidcard.bench.sdk.SdkBenchmark",
                Integer.toString(endpoint.port()), BenchEndpoint.SECRET_ID, BenchEndpoint.SECRET_KEY));
        for (final Size size : SIZES) {
            command.add(size.warmup() + "," + size.iterations() + "," + files.get(size));
        }
        final StringBuilder tputSpec = new StringBuilder("tput=" + files.get(SIZES.get(0)) + "," + TPUT_SECONDS);
        for (final int callers : CALLERS) {
            tputSpec.append(',').append(callers);
        }
        command.add(tputSpec.toString());
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final Map<String, Size> byFile = new LinkedHashMap<>();
        files.forEach((size, file) -> byFile.put(file.getFileName().toString(), size));
        final List<String> other = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int tputIndex = 0;
            while ((line = out.readLine()) != null) {
                final String[] fields = line.split(" ");
                if (fields[0].equals("SINGLE") && fields.length == 6) {
                    single.put(byFile.get(fields[1]), Measure.Single.parse(fields, 2));
                } else if (fields[0].equals("TPUT") && fields.length == 3) {
                    tput[tputIndex++] = Double.parseDouble(fields[2]);
                } else {
                    other.add(line);
                }
            }
        }
        final int exit = process.waitFor();
        if (exit != 0 || single.size() != SIZES.size()) {
            return "the SDK JVM failed (exit " + exit + "): " + String.join(" | ", other.subList(0, Math.min(8, other.size())));
        }
        return null;
    }

    private static void print(final Map<Size, byte[]> images, final Map<String, Map<Size, Measure.Single>> single,
                              final Map<String, double[]> tput, final String sdkProblem, final double clientRate,
                              final ConcurrentLinkedQueue<Long> arrivals, final long refused) {
        final String sdk = "SDK 3.1.1342 (own JVM)";
        final String ours = "ours: TencentCloudIdCardOcrService";
        final String limit = "limit: raw OkHttp, pre-built body";
        System.out.println();
        System.out.println("Per request, one calling thread, after warm-up. Allocation = ThreadMXBean.getThreadAllocatedBytes of the");
        System.out.println("calling thread (OkHttp's writer runs on it; the endpoint's threads are not counted); CPU = getCurrentThreadCpuTime.");
        System.out.println();
        System.out.println("| scenario                                 | image | alloc/request | × image | median ms | p99 ms | CPU ms/request |");
        System.out.println("|------------------------------------------|-------|--------------:|--------:|----------:|-------:|---------------:|");
        single.forEach((name, bySize) -> bySize.forEach((size, m) -> System.out.printf(Locale.ROOT,
                "| %-40s | %-5s | %13s | %7.3f | %9.2f | %6.2f | %14.2f |%n", name, size.name(), bytes(m.allocatedBytes()),
                (double) m.allocatedBytes() / images.get(size).length, m.medianNanos() / 1e6, m.p99Nanos() / 1e6, m.cpuNanos() / 1e6)));
        System.out.println();
        System.out.println("Requests/s on the 200KB image, concurrent callers (Max Requests Per Second " + UNCAPPED + "):");
        System.out.println();
        System.out.println("| scenario                                 | 8 callers | 16 callers |");
        System.out.println("|------------------------------------------|----------:|-----------:|");
        tput.forEach((name, r) -> System.out.printf(Locale.ROOT, "| %-40s | %9.1f | %10.1f |%n", name, r[0], r[1]));
        System.out.println();
        if (sdkProblem != null) {
            System.out.println("SDK scenario left out: " + sdkProblem);
        }
        System.out.println("| ratio                       | 8 callers | 16 callers | median 200KB | median 1MB | median 5MB |");
        System.out.println("|-----------------------------|----------:|-----------:|-------------:|-----------:|-----------:|");
        if (tput.containsKey(sdk)) {
            ratioRow("ours/SDK (tput; latency)", tput.get(ours), tput.get(sdk), single.get(ours), single.get(sdk));
        }
        ratioRow("ours/limit (tput; latency)", tput.get(ours), tput.get(limit), single.get(ours), single.get(limit));
        ratioRow("ours unsigned/limit", tput.get(UNSIGNED), tput.get(limit), single.get(UNSIGNED), single.get(limit));
        System.out.println();

        final long[] times = arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
        final double serverRate = times.length < 2 ? 0 : (times.length - 1) * 1e9 / (times[times.length - 1] - times[0]);
        // a server allowing 20 per rolling second: a request is throttled when 20 were already accepted in the second before it
        final ArrayDeque<Long> accepted = new ArrayDeque<>();
        int throttled = 0;
        int maxInAnySecond = 0;
        for (final long t : times) {
            while (!accepted.isEmpty() && accepted.peekFirst() <= t - 1_000_000_000L) {
                accepted.pollFirst();
            }
            if (accepted.size() >= 20) {
                throttled++;
            } else {
                accepted.addLast(t);
            }
            maxInAnySecond = Math.max(maxInAnySecond, accepted.size());
        }
        System.out.printf(Locale.ROOT, "Rate limiter: Max Requests Per Second 20, 16 callers, %d s measured (after 1 s warm-up):%n", RATE_SECONDS);
        System.out.printf(Locale.ROOT, "  completed %.2f req/s at the callers; %d arrivals at the endpoint (incl. warm-up) at %.2f req/s;%n",
                clientRate, times.length, serverRate);
        System.out.printf(Locale.ROOT, "  a server enforcing 20 per rolling second would have throttled %d of them.%n", throttled);
        System.out.printf(Locale.ROOT, "Endpoint refusals (bad signatures) during the whole run: %d%n", refused);
    }

    private static void ratioRow(final String label, final double[] tputOurs, final double[] tputOther,
                                 final Map<Size, Measure.Single> ours, final Map<Size, Measure.Single> other) {
        final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %-27s | %9.2f | %10.2f |", label,
                tputOurs[0] / tputOther[0], tputOurs[1] / tputOther[1]));
        for (final Size size : SIZES) {
            row.append(String.format(Locale.ROOT, " %12.2f |", (double) ours.get(size).medianNanos() / other.get(size).medianNanos()));
        }
        System.out.println(row);
    }

    private static String bytes(final long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.2f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}

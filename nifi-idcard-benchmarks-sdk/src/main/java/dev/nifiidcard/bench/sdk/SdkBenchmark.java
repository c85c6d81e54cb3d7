package dev.nifiidcard.bench.sdk;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.ocr.v20181119.OcrClient;
import com.tencentcloudapi.ocr.v20181119.models.IDCardOCRRequest;
import com.tencentcloudapi.ocr.v20181119.models.IDCardOCRResponse;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The official SDK doing IDCardOCR against the local endpoint, measured the same way as the other scenarios of
 * {@code OcrBenchmark}, in its own JVM (the SDK's OkHttp 3 clashes with OkHttp 5). Prints machine-readable lines:
 * {@code SINGLE <label> <allocBytes> <medianNs> <p99Ns> <cpuNs>} and {@code TPUT <callers> <requestsPerSecond>}.
 *
 * <p>Arguments: port secretId secretKey warmup,iterations,file ... then {@code tput=<file>,<seconds>,<callers>[,<callers>]}.
 */
public final class SdkBenchmark {

    private SdkBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int port = Integer.parseInt(args[0]);
        final Credential credential = new Credential(args[1], args[2]);
        final HttpProfile httpProfile = new HttpProfile();
        // The SDK signs for the service named by the endpoint's first label: with setEndpoint("127.0.0.1:PORT") the
        // credential scope says service "127" and the endpoint rightly refuses it. So the SDK keeps its own host name
        // and reaches the local endpoint through it as an HTTP proxy: same bytes signed, nothing leaves loopback.
        httpProfile.setEndpoint("ocr.tencentcloudapi.com");
        httpProfile.setProtocol("http://");
        httpProfile.setProxyHost("127.0.0.1");
        httpProfile.setProxyPort(port);
        final ClientProfile clientProfile = new ClientProfile();
        clientProfile.setHttpProfile(httpProfile);
        final OcrClient client = new OcrClient(credential, "ap-guangzhou", clientProfile);

        for (int i = 3; i < args.length; i++) {
            final String[] spec = args[i].split(",");
            if (spec[0].startsWith("tput=")) {
                final byte[] image = Files.readAllBytes(Path.of(spec[0].substring(5)));
                final long seconds = Long.parseLong(spec[1]);
                for (int c = 2; c < spec.length; c++) {
                    final int callers = Integer.parseInt(spec[c]);
                    System.out.println("TPUT " + callers + " " + throughput(() -> call(client, image), callers, seconds));
                }
            } else {
                final int warmup = Integer.parseInt(spec[0]);
                final int iterations = Integer.parseInt(spec[1]);
                final byte[] image = Files.readAllBytes(Path.of(spec[2]));
                System.out.println("SINGLE " + Path.of(spec[2]).getFileName() + " " + single(() -> call(client, image), warmup, iterations));
            }
        }
    }

    private static void call(final OcrClient client, final byte[] image) throws Exception {
        final IDCardOCRRequest request = new IDCardOCRRequest();
        // as SDK users do: the whole base64 as a String
        request.setImageBase64(Base64.getEncoder().encodeToString(image));
        request.setEnableRecognitionRectify(true);
        request.setEnableDateVerify(true);
        request.setCardWarnType("Basic");
        final IDCardOCRResponse response = client.IDCardOCR(request);
        if (response.getIdNum() == null) {
            throw new IllegalStateException("no IdNum in the answer");
        }
    }

    interface Call {
        void run() throws Exception;
    }

    /** allocated bytes per call, median ns, p99 ns, CPU ns per call; all on this thread, after warm-up. */
    static String single(final Call call, final int warmup, final int iterations) throws Exception {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long id = Thread.currentThread().threadId();
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        final long[] latencies = new long[iterations];
        final long allocBefore = threads.getThreadAllocatedBytes(id);
        final long cpuBefore = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < iterations; i++) {
            final long start = System.nanoTime();
            call.run();
            latencies[i] = System.nanoTime() - start;
        }
        final long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        final long alloc = threads.getThreadAllocatedBytes(id) - allocBefore;
        Arrays.sort(latencies);
        return (alloc / iterations) + " " + latencies[iterations / 2] + " "
                + latencies[Math.min(iterations - 1, (int) Math.ceil(iterations * 0.99) - 1)] + " " + (cpu / iterations);
    }

    static double throughput(final Call call, final int callers, final long seconds) throws Exception {
        final AtomicBoolean measuring = new AtomicBoolean();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong done = new AtomicLong();
        final CountDownLatch finished = new CountDownLatch(callers);
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (!stop.get()) {
                        call.run();
                        if (measuring.get()) {
                            done.incrementAndGet();
                        }
                    }
                } catch (final Exception e) {
                    e.printStackTrace();
                } finally {
                    finished.countDown();
                }
            }));
        }
        Thread.sleep(1000); // warm-up
        measuring.set(true);
        final long start = System.nanoTime();
        Thread.sleep(seconds * 1000);
        final long count = done.get();
        final long elapsed = System.nanoTime() - start;
        stop.set(true);
        finished.await();
        return count * 1e9 / elapsed;
    }
}

package dev.nifiidcard.bench;

import dev.nifiidcard.bench.OcrBenchmark.Size;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.nifiidcard.bench.OcrBenchmark.CALLERS;
import static dev.nifiidcard.bench.OcrBenchmark.SIZES;
import static dev.nifiidcard.bench.OcrBenchmark.TPUT_SECONDS;

/** The official SDK's scenario: {@code SdkBenchmark} in its own JVM (its OkHttp 3 would clash with OkHttp 5 here). */
final class SdkProcess {

    private SdkProcess() {
    }

    /** Runs SdkBenchmark in its own JVM; returns why it could not, or null. */
    static String run(final BenchEndpoint endpoint, final Path sdkDir, final Map<Size, Path> files,
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
}

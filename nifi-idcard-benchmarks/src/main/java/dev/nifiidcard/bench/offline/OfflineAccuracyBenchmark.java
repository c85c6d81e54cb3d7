package dev.nifiidcard.bench.offline;

import dev.nifiidcard.cardgen.SyntheticCard;
import dev.nifiidcard.cardgen.SyntheticCards;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.offline.PaddleOcrIdCardOcrService;
import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The offline recognizer's accuracy and cost on synthetic card photos (nifi-idcard-cardgen), through the real
 * processor in nifi-mock so that routes are the ones a flow sees: per-field exact rates, whole cards, wrong cards routed
 * to success, the cascade's paid share, CPU per card, heap over the run. Run from the repository root:
 * {@code ./mvnw -B -Pbenchmark-offline -DskipTests package} ({@code -Dbench.cards=N -Dbench.seed=S}), or on a set kept
 * elsewhere: {@code -Dbench.set=DIR} with the images and truth.tsv that {@code SyntheticCards}'s main writes.
 */
public final class OfflineAccuracyBenchmark {

    private static final List<Relationship> ROUTES = List.of(SignAndRecognizeIdCard.REL_SUCCESS, SignAndRecognizeIdCard.REL_WARNING,
            SignAndRecognizeIdCard.REL_FAILURE, SignAndRecognizeIdCard.REL_RETRY);

    private OfflineAccuracyBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        final int cards = Integer.getInteger("bench.cards", 1000);
        final long seed = Long.getLong("bench.seed", 1);
        final String set = System.getProperty("bench.set", "").isBlank() ? null : System.getProperty("bench.set");
        out.printf(Locale.ROOT, "Offline recognizer benchmark: Java %s, %d available processors, max heap %d MB%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        final TestRunner runner = TestRunners.newTestRunner(SignAndRecognizeIdCard.class);
        final PaddleOcrIdCardOcrService service = new PaddleOcrIdCardOcrService();
        try {
            runner.addControllerService("offline", service);
        } catch (final InitializationException e) {
            throw new IllegalStateException(e);
        }
        final long loading = System.nanoTime();
        runner.enableControllerService(service);
        out.printf(Locale.ROOT, "models loaded (SHA-256 checked, 3 ONNX Runtime sessions) in %d ms%n", (System.nanoTime() - loading) / 1_000_000);
        runner.setProperty(SignAndRecognizeIdCard.OCR_SERVICE, "offline");
        runner.setProperty(SignAndRecognizeIdCard.ID_NUMBER_IN_ATTRIBUTES, "Full");

        final List<SyntheticCard> input = set == null ? null : CardSet.read(java.nio.file.Path.of(set));
        final int total = input == null ? cards : input.size();
        final List<CardScore> scores = new ArrayList<>();
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapAfterWarmup = 0;
        for (int i = 0; i < total; i++) {
            final SyntheticCard card = input == null ? SyntheticCards.generate(seed + i) : input.get(i);
            runner.enqueue(card.jpeg());
            final long cpu = ProcessCpu.nanos();
            runner.run(1, false, i == 0);
            final long cpuNanos = ProcessCpu.nanos() - cpu;
            scores.add(score(runner, card, cpuNanos));
            runner.clearTransferState();
            if (i == 99 || i == total - 1) {
                System.gc();
                final long used = memory.getHeapMemoryUsage().getUsed();
                if (i == 99) {
                    heapAfterWarmup = used;
                } else {
                    out.printf(Locale.ROOT, "heap after GC: %d MB after 100 cards, %d MB after %d%n", heapAfterWarmup >> 20, used >> 20, total);
                }
            }
            if ((i + 1) % 100 == 0) {
                out.printf(Locale.ROOT, "%d cards...%n", i + 1);
            }
        }
        AccuracyReport.print(set == null ? "synthetic set, seeds " + seed + ".." + (seed + total - 1) : "set " + set, scores, out);
        runner.disableControllerService(service);
    }

    private static CardScore score(final TestRunner runner, final SyntheticCard card, final long cpuNanos) {
        for (final Relationship route : ROUTES) {
            final List<MockFlowFile> out = runner.getFlowFilesForRelationship(route);
            if (!out.isEmpty()) {
                final MockFlowFile result = out.getFirst();
                final IdCardFields read = new IdCardFields(result.getAttribute(IdCardAttributes.NAME), result.getAttribute(IdCardAttributes.SEX),
                        result.getAttribute(IdCardAttributes.NATION), result.getAttribute(IdCardAttributes.BIRTH),
                        result.getAttribute(IdCardAttributes.NUMBER), result.getAttribute(IdCardAttributes.ADDRESS),
                        result.getAttribute(IdCardAttributes.AUTHORITY), result.getAttribute(IdCardAttributes.VALID_FROM),
                        result.getAttribute(IdCardAttributes.VALID_UNTIL));
                return CardScore.of(card.side(), card.truth(), read, route.getName(), result.getAttribute(IdCardAttributes.WARNINGS), cpuNanos,
                        card.traits());
            }
        }
        // the processor kept it queued (it never does for this service): counted as unread
        runner.clearQueue();
        return CardScore.of(card.side(), card.truth(), null, "queued", null, cpuNanos, card.traits());
    }
}

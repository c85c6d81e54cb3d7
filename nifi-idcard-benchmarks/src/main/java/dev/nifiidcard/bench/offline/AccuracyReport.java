package dev.nifiidcard.bench.offline;

import dev.nifiidcard.ocr.CardSide;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The benchmark's tables: per-field exact rates, whole cards, routes, wrong cards let through, cascade, CPU, per trait. */
final class AccuracyReport {

    private AccuracyReport() {
    }

    static void print(final String title, final List<CardScore> scores, final PrintStream out) {
        out.printf(Locale.ROOT, "%n== %s: %d cards (%d fronts, %d backs) ==%n", title, scores.size(),
                count(scores, s -> s.side() == CardSide.FRONT), count(scores, s -> s.side() == CardSide.BACK));
        out.println("field        exact");
        for (final String field : List.of("name", "sex", "nation", "birth", "number", "address", "authority", "validFrom", "validUntil")) {
            final List<CardScore> carrying = scores.stream().filter(s -> s.exact().containsKey(field)).toList();
            out.printf(Locale.ROOT, "%-12s %s%n", field, rate(count(carrying, s -> s.exact().get(field)), carrying.size()));
        }
        final List<CardScore> fronts = scores.stream().filter(s -> s.side() == CardSide.FRONT).toList();
        out.printf(Locale.ROOT, "whole card exact                      %s%n", rate(count(scores, CardScore::wholeCardExact), scores.size()));
        out.printf(Locale.ROOT, "routes                                success %s, warning %s, failure %s, retry %s%n",
                rate(count(scores, s -> "success".equals(s.route())), scores.size()), rate(count(scores, s -> "warning".equals(s.route())), scores.size()),
                rate(count(scores, s -> "failure".equals(s.route())), scores.size()), rate(count(scores, s -> "retry".equals(s.route())), scores.size()));
        out.printf(Locale.ROOT, "wrong card routed to success          %s%n",
                rate(count(scores, s -> s.isSuccess() && !s.wholeCardExact()), scores.size()));
        out.printf(Locale.ROOT, "wrong ID number routed to success     %d of %d fronts%n",
                count(fronts, s -> s.isSuccess() && !s.numberExact()), fronts.size());
        out.printf(Locale.ROOT, "success cards exact                   %s%n",
                rate(count(scores, s -> s.isSuccess() && s.wholeCardExact()), count(scores, CardScore::isSuccess)));
        // the cascade: offline first; only its warnings cost a cloud call (assumed read right by the cloud)
        final long paid = count(scores, CardScore::needsCloud);
        out.printf(Locale.ROOT, "cascade: cards sent to the cloud      %s (every offline warning, as the shipped cascade flow sends them)%n",
                rate(count(scores, s -> "warning".equals(s.route())), scores.size()));
        out.printf(Locale.ROOT, "cascade: cards needing a paid call    %s (warnings the cloud can settle: not those only EXPIRED)%n",
                rate(paid, scores.size()));
        out.printf(Locale.ROOT, "cascade: whole card exact             %s (offline exact and not sent + sent and read right by the cloud)%n",
                rate(count(scores, s -> !s.needsCloud() && s.wholeCardExact()) + paid, scores.size()));
        final double[] cpu = scores.stream().mapToDouble(s -> s.cpuNanos() / 1e6).sorted().toArray();
        out.printf(Locale.ROOT, "CPU per card (ms, process)            median %.0f, p90 %.0f, max %.0f%n",
                percentile(cpu, 50), percentile(cpu, 90), cpu.length == 0 ? 0 : cpu[cpu.length - 1]);
        out.println("trait            cards  number  whole  warning  wrong->success");
        final Map<String, List<CardScore>> byTrait = new TreeMap<>();
        scores.forEach(s -> s.traits().forEach(t -> byTrait.computeIfAbsent(t, k -> new ArrayList<>()).add(s)));
        byTrait.forEach((trait, withTrait) -> {
            final List<CardScore> traitFronts = withTrait.stream().filter(s -> s.side() == CardSide.FRONT).toList();
            out.printf(Locale.ROOT, "%-16s %5d  %6s  %5s  %7s  %d%n", trait, withTrait.size(),
                    traitFronts.isEmpty() ? "-" : percent(count(traitFronts, CardScore::numberExact), traitFronts.size()),
                    percent(count(withTrait, CardScore::wholeCardExact), withTrait.size()),
                    percent(count(withTrait, s -> "warning".equals(s.route())), withTrait.size()),
                    count(withTrait, s -> s.isSuccess() && !s.wholeCardExact()));
        });
    }

    static double percentile(final double[] sorted, final int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    private static long count(final List<CardScore> scores, final Predicate<CardScore> which) {
        return scores.stream().filter(which).count();
    }

    private static String rate(final long count, final long of) {
        return String.format(Locale.ROOT, "%s (%d of %d)", percent(count, of), count, of);
    }

    private static String percent(final long count, final long of) {
        return of == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * count / of);
    }
}

package io.couriermq.bench.ha;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The report: one Markdown row per mode, each replicated mode set against the single master measured in the same
 * run, with issue 4's targets marked. The targets are stated for SYNC_MASTER; ASYNC_MASTER is held to them too,
 * since it promises less and should meet them easily.
 */
final class ResultTable {

    static final double MIN_THROUGHPUT_RATIO = 0.70;
    static final double MAX_P99_RATIO = 1.5;

    private final List<ModeResult> results;

    ResultTable(List<ModeResult> results) {
        this.results = List.copyOf(results);
    }

    void print(PrintStream out) {
        ModeResult single = results.stream().filter(r -> r.mode() == Mode.SINGLE).findFirst().orElseThrow();
        out.println("| mode | msgs/s | p50 ms | p99 ms | p999 ms | failed | msgs/s vs single | p99 vs single "
                + "| targets | replication MB/s | lag bytes median / max | lag ms median / max | load 1m |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
        for (ModeResult result : results) {
            out.println(row(result, single));
        }
        out.println();
        for (ModeResult result : results) {
            if (result.mode().replicated()) {
                out.println(verdict(result, single));
            }
        }
    }

    private static String row(ModeResult result, ModeResult single) {
        String ratios = "1.00 | 1.00 | baseline";
        String replication = "- | - | -";
        if (result.mode().replicated()) {
            ratios = f("%.2f | %.2f | %s", throughputRatio(result, single), p99Ratio(result, single),
                    marks(result, single));
            LagSampler.Lag lag = result.lag();
            replication = f("%.1f%s | %,.0f / %,.0f | %,.0f / %,.0f", result.replicationMegabytesPerSecond(),
                    result.caughtUp() ? "" : " (slave behind)", lag.medianBytes(), lag.maxBytes(), lag.medianMs(),
                    lag.maxMs());
        }
        return f("| %s | %,.0f | %.2f | %.2f | %.2f | %,d | %s | %s | %.1f -> %.1f |", result.mode().label(),
                result.send().rate(), result.latencyMs(50), result.latencyMs(99), result.latencyMs(99.9),
                result.send().failed(), ratios, replication, result.loadBefore(), result.loadAfter());
    }

    private static String marks(ModeResult result, ModeResult single) {
        return f("tput %s, p99 %s", throughputMet(result, single) ? "met" : "MISSED",
                p99Met(result, single) ? "met" : "MISSED");
    }

    private static String verdict(ModeResult result, ModeResult single) {
        LagSampler.Lag lag = result.lag();
        return f("%s: %.2fx the single master's msgs/s (target >= %.2fx: %s), %.2fx its p99 (target <= %.2fx: "
                        + "%s); lag sampled %d times during the measured phase (%d scrapes failed)",
                result.mode().label(), throughputRatio(result, single), MIN_THROUGHPUT_RATIO,
                throughputMet(result, single) ? "met" : "MISSED", p99Ratio(result, single), MAX_P99_RATIO,
                p99Met(result, single) ? "met" : "MISSED", lag.samples(), lag.failedScrapes());
    }

    private static double throughputRatio(ModeResult result, ModeResult single) {
        return result.send().rate() / single.send().rate();
    }

    private static double p99Ratio(ModeResult result, ModeResult single) {
        return result.latencyMs(99) / single.latencyMs(99);
    }

    private static boolean throughputMet(ModeResult result, ModeResult single) {
        return throughputRatio(result, single) >= MIN_THROUGHPUT_RATIO;
    }

    private static boolean p99Met(ModeResult result, ModeResult single) {
        return p99Ratio(result, single) <= MAX_P99_RATIO;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}

package io.couriermq.bench.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns results into tables and notes: one line per store per row, with the ratios and goal checks on our
 * store's line. Cells hold "n/a" where a store has no such mode and "FAILED" where its run failed; the notes say
 * why, and flag any read-back that found fewer messages than were stored.
 */
final class ResultTable {

    private static final List<String> HEADERS = List.of("size", "writers", "flush", "store", "appends/s", "MB/s",
            "p50 us", "p99 us", "read msgs/s", "vs RMQ", "vs CQ", "vs fsync", "targets");
    private static final int LABEL_COLUMNS = 4;
    private static final int FIGURE_COLUMNS = 5;
    private static final String COPIED_MARK = "*";
    private static final String INCOMPLETE_READ_MARK = "!";

    private ResultTable() {
    }

    static TextTable results(List<RowResult> rows) {
        TextTable table = new TextTable(HEADERS, LABEL_COLUMNS);
        for (RowResult result : rows) {
            for (StoreResult store : result.stores()) {
                List<String> cells = new ArrayList<>(List.of(result.row().sizeLabel(), result.row().writers().label(),
                        result.row().flushLabel(), store.store().label() + (store.copiedFromOneThread() ? COPIED_MARK
                                : "")));
                cells.addAll(figureCells(store, result.row().bodySizeBytes()));
                cells.addAll(store.store() == StoreKind.COURIER
                        ? ratioCells(result) : List.of("", "", "", ""));
                table.addRow(cells);
            }
        }
        return table;
    }

    private static List<String> figureCells(StoreResult store, int bodySizeBytes) {
        if (!store.isMeasured()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < FIGURE_COLUMNS; i++) {
                cells.add(store.failure() == null ? "n/a" : "FAILED");
            }
            return cells;
        }
        StoreFigures figures = store.figures();
        return List.of(
                count(figures.appendsPerSecond()),
                String.format(Locale.ROOT, "%.1f", figures.megabytesPerSecond(bodySizeBytes)),
                micros(figures.p50Micros()),
                micros(figures.p99Micros()),
                count(figures.readsPerSecond()) + (figures.readBackComplete() ? "" : INCOMPLETE_READ_MARK));
    }

    private static List<String> ratioCells(RowResult result) {
        List<Targets.Check> checks = Targets.forRow(result);
        Optional<StoreFigures> ours = result.figures(StoreKind.COURIER);
        String vsFsync = checks.stream().filter(check -> check.goal() == Targets.Goal.VS_PLAIN_FSYNC).findFirst()
                .map(check -> times(check.measured())).orElse("");
        List<String> verdicts = new ArrayList<>();
        for (Targets.Check check : checks) {
            verdicts.add(check.goal().shortName() + (check.passed() ? " ok" : " MISS"));
        }
        return List.of(ratio(ours, result.figures(StoreKind.ROCKETMQ)),
                ratio(ours, result.figures(StoreKind.CHRONICLE)), vsFsync, String.join(", ", verdicts));
    }

    private static String ratio(Optional<StoreFigures> ours, Optional<StoreFigures> other) {
        if (ours.isEmpty() || other.isEmpty()) {
            return "";
        }
        return times(ours.get().appendsPerSecond() / other.get().appendsPerSecond());
    }

    static TextTable fsync(List<FsyncProbe.Result> results) {
        TextTable table = new TextTable(List.of("plain write+fsync (4 KiB per call)", "calls/s", "p50 us", "p99 us"),
                1);
        for (FsyncProbe.Result result : results) {
            table.addRow(List.of(result.variant(), count(result.callsPerSecond()),
                    micros(result.latencyNanos().getValueAtPercentile(50) / 1e3),
                    micros(result.latencyNanos().getValueAtPercentile(99) / 1e3)));
        }
        return table;
    }

    /** Failures, copied figures and incomplete read-backs, one line each. */
    static List<String> notes(List<RowResult> rows) {
        List<String> notes = new ArrayList<>();
        boolean copied = false;
        for (RowResult result : rows) {
            String row = result.row().sizeLabel() + " " + result.row().writers().label() + " "
                    + result.row().flushLabel();
            for (StoreResult store : result.stores()) {
                copied |= store.copiedFromOneThread();
                if (store.failure() != null) {
                    notes.add("FAILED " + row + " " + store.store().label() + ": " + store.failure());
                } else if (store.isMeasured() && !store.figures().readBackComplete()) {
                    notes.add(INCOMPLETE_READ_MARK + " " + row + " " + store.store().label() + ": read back "
                            + store.figures().readMessages() + " of " + store.figures().storedMessages()
                            + " stored messages");
                }
            }
        }
        if (copied) {
            notes.add(0, COPIED_MARK + " Chronicle appends complete inside the call, so one thread cannot keep puts"
                    + " in flight: its async64 line repeats its 1-writer figures.");
        }
        return notes;
    }

    /** One line per goal: whether every row it applies to met it, and the worst figure. */
    static List<String> targetSummary(List<RowResult> rows) {
        List<String> lines = new ArrayList<>();
        for (Targets.Goal goal : Targets.Goal.values()) {
            int checked = 0;
            int met = 0;
            double worst = Double.MAX_VALUE;
            for (RowResult result : rows) {
                for (Targets.Check check : Targets.forRow(result)) {
                    if (check.goal() == goal) {
                        checked++;
                        met += check.passed() ? 1 : 0;
                        worst = Math.min(worst, check.measured());
                    }
                }
            }
            lines.add(checked == 0 ? goal.description() + ": not measured in this run"
                    : String.format(Locale.ROOT, "%s: %s (%d of %d rows, worst %s)", goal.description(),
                    met == checked ? "MET" : "MISSED", met, checked, goal.ratio() ? times(worst) : count(worst)));
        }
        return lines;
    }

    private static String count(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static String micros(double micros) {
        return String.format(Locale.ROOT, micros < 100 ? "%.1f" : "%,.0f", micros);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }
}

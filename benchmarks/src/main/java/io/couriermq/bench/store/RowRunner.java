package io.couriermq.bench.store;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every row of a plan against every chosen store, one store at a time so they never compete for the two
 * cores or the disk, and reports progress as it goes. A store's failure is recorded in its cell and the run
 * goes on.
 */
final class RowRunner {

    private final RunPlan plan;
    private final Path runDir;
    private final PrintStream progress;
    /** Each store's 1-thread figures per (size, flush), for stores without an async API. */
    private final Map<String, StoreResult> oneThreadResults = new HashMap<>();
    private int runsDone;

    RowRunner(RunPlan plan, Path runDir, PrintStream progress) {
        this.plan = plan;
        this.runDir = runDir;
        this.progress = progress;
    }

    List<RowResult> runAll() {
        List<RowResult> results = new ArrayList<>();
        for (BenchRow row : plan.rows()) {
            Workload workload = new Workload(row.bodySizeBytes(), plan.seed());
            double plainFsync = Targets.comparesWithPlainFsync(row) ? measurePlainFsync(row) : 0;
            List<StoreResult> stores = new ArrayList<>();
            for (StoreKind kind : plan.stores()) {
                stores.add(runStore(row, kind, workload));
            }
            results.add(new RowResult(row, stores, plainFsync));
        }
        return results;
    }

    /** The faster plain write+fsync rate right now, or 0 if the probe failed (the row then goes unchecked). */
    private double measurePlainFsync(BenchRow row) {
        try {
            double rate = FsyncProbe.fasterPlainRate(runDir, plan.fsyncProbe());
            progress.printf(Locale.ROOT, "plain write+fsync before %s %s %s: %,.0f calls/s%n", row.sizeLabel(),
                    row.writers().label(), row.flushLabel(), rate);
            return rate;
        } catch (IOException e) {
            progress.println("plain write+fsync probe failed: " + e);
            return 0;
        }
    }

    private StoreResult runStore(BenchRow row, StoreKind kind, Workload workload) {
        if (!kind.supports(row.flushMode())) {
            return StoreResult.notApplicable(kind);
        }
        boolean asOneThread = row.writers().async() && !kind.hasAsyncAppend();
        String oneThreadKey = kind + "/" + row.bodySizeBytes() + "/" + row.flushMode();
        if (asOneThread && oneThreadResults.containsKey(oneThreadKey)) {
            return oneThreadResults.get(oneThreadKey).asCopiedFromOneThread();
        }
        WriterMode mode = asOneThread ? WriterMode.ONE_THREAD : row.writers();
        StoreResult result = measure(row, kind, mode, workload);
        if (mode == WriterMode.ONE_THREAD) {
            oneThreadResults.put(oneThreadKey, result);
        }
        return asOneThread ? result.asCopiedFromOneThread() : result;
    }

    private StoreResult measure(BenchRow row, StoreKind kind, WriterMode mode, Workload workload) {
        String name = row.sizeLabel() + " " + row.writers().label() + " " + row.flushLabel() + " " + kind.label();
        // Leave the previous store's garbage behind so that it does not slow this store's run.
        System.gc();
        long startNs = System.nanoTime();
        try {
            StoreFigures figures = StoreRun.measure(kind, row, mode, workload,
                    runDir.resolve(row.dirName()).resolve(kind.label()), plan.warmUp(row), plan.measured(row));
            runsDone++;
            progress.printf(Locale.ROOT, "[%d] %s: %,.0f appends/s, p99 %.1f us, read %,.0f msgs/s (%.1f s)%n",
                    runsDone, name, figures.appendsPerSecond(), figures.p99Micros(), figures.readsPerSecond(),
                    (System.nanoTime() - startNs) / 1e9);
            return StoreResult.measured(kind, figures);
        } catch (Exception e) {
            runsDone++;
            progress.printf("[%d] %s FAILED: %s%n", runsDone, name, e);
            e.printStackTrace(progress);
            return StoreResult.failed(kind, e.toString());
        }
    }
}

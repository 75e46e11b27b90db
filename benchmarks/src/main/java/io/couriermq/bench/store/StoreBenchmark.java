package io.couriermq.bench.store;

import io.couriermq.store.FlushMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Appends the same workload through our store, RocketMQ's DefaultMessageStore and Chronicle Queue in one JVM, row
 * by row (body size x writer mode x flush mode), and prints a table of appends/s, MB/s, put latency, read-back
 * rate and our ratios to the baselines, next to the goals they are meant to meet. See benchmarks/README.md.
 *
 * <p>Defaults give the full table in roughly 10 to 15 minutes on a 2-core machine; {@code --quick} gives the
 * 1 KiB rows with short phases, as a smoke check. Everything it writes lives in a run directory under
 * {@code --dir}, deleted at the end.
 */
@Command(name = "bench-store", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Macro benchmark: our message store vs RocketMQ's DefaultMessageStore vs Chronicle Queue.")
public final class StoreBenchmark implements Callable<Integer> {

    @Option(names = "--quick", description = "1 KiB rows only, short phases: a smoke check in under 2 minutes.")
    private boolean quick;

    @Option(names = "--dir", description = "Where the stores' temporary directories go (default: ${DEFAULT-VALUE}).",
            defaultValue = "target/bench-store")
    private Path dir;

    @Option(names = "--out", description = "Also write the report as Markdown to this file.")
    private Path out;

    @Option(names = "--sizes", split = ",", description = "Body sizes in bytes (default 128,1024,4096; quick 1024).")
    private List<Integer> sizes;

    @Option(names = "--writers", split = ",", description = "Writer modes: 1, 4, async64 (default: all).")
    private List<String> writers;

    @Option(names = "--flush", split = ",", description = "ASYNC_FLUSH, SYNC_FLUSH (default: both).")
    private List<FlushMode> flushModes;

    @Option(names = "--stores", split = ",", description = "courier, rocketmq, chronicle (default: all).")
    private List<String> stores;

    @Option(names = "--max-messages", description = "ASYNC_FLUSH rows: measured messages at most "
            + "(default 2000000; quick 300000).")
    private Long maxMessages;

    @Option(names = "--max-seconds", description = "ASYNC_FLUSH rows: measured seconds at most (default 8; quick 1.5).")
    private Double maxSeconds;

    @Option(names = "--sync-max-messages", description = "SYNC_FLUSH rows: measured messages at most "
            + "(default 200000; quick 30000).")
    private Long syncMaxMessages;

    @Option(names = "--sync-max-seconds", description = "SYNC_FLUSH rows: measured seconds at most "
            + "(default 8; quick 1.5).")
    private Double syncMaxSeconds;

    @Option(names = "--warmup-seconds", description = "Uncounted warm-up per store per row (default 2; quick 0.75).")
    private Double warmUpSeconds;

    @Option(names = "--fsync-seconds", description = "Each plain write+fsync variant (default 3; quick 1).")
    private Double fsyncSeconds;

    @Option(names = "--max-gib-per-row", description = "Body bytes a measured phase may append, in GiB "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "4")
    private double maxGibPerRow;

    @Option(names = "--seed", description = "Seed of the random bodies (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    private long seed;

    public static void main(String[] args) {
        // Exit explicitly: the baselines leave non-daemon threads behind after their stores are closed.
        System.exit(new CommandLine(new StoreBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        RunPlan plan = plan();
        Files.createDirectories(dir);
        Path runDir = Files.createTempDirectory(dir.toAbsolutePath(), "run-");
        try {
            // Progress goes to stderr, so that stdout carries the report alone.
            List<String> environment = Environment.describe(runDir);
            environment.forEach(System.err::println);
            List<FsyncProbe.Result> fsync = List.of(
                    FsyncProbe.appendingNewFile(runDir, plan.fsyncProbe()),
                    FsyncProbe.overwritingPreallocated(runDir, plan.fsyncProbe()),
                    FsyncProbe.overwritingMapped(runDir, plan.fsyncProbe()));
            System.err.print(ResultTable.fsync(fsync).plain());
            List<RowResult> rows = new RowRunner(plan, runDir, System.err).runAll();

            Report report = new Report(environment, describe(plan), ResultTable.fsync(fsync),
                    ResultTable.results(rows), ResultTable.notes(rows), ResultTable.targetSummary(rows));
            System.out.print(report.plain());
            if (out != null) {
                Files.writeString(out, report.markdown(), StandardCharsets.UTF_8);
                System.out.println("\nMarkdown written to " + out.toAbsolutePath());
            }
            return anyFailed(rows) ? 1 : 0;
        } finally {
            deleteQuietly(runDir);
        }
    }

    private RunPlan plan() {
        List<WriterMode> writerModes = new ArrayList<>();
        for (String label : orDefault(writers, List.of("1", "4", "async64"))) {
            writerModes.add(WriterMode.parse(label));
        }
        List<StoreKind> storeKinds = new ArrayList<>();
        for (String label : orDefault(stores, List.of("courier", "rocketmq", "chronicle"))) {
            storeKinds.add(StoreKind.valueOf(label.toUpperCase(Locale.ROOT)));
        }
        return new RunPlan(
                orDefault(sizes, quick ? List.of(1024) : List.of(128, 1024, 4096)),
                writerModes,
                orDefault(flushModes, List.of(FlushMode.ASYNC_FLUSH, FlushMode.SYNC_FLUSH)),
                storeKinds,
                new PhaseLimits(orDefault(maxMessages, quick ? 300_000L : 2_000_000L),
                        seconds(orDefault(maxSeconds, quick ? 1.5 : 8.0))),
                new PhaseLimits(orDefault(syncMaxMessages, quick ? 30_000L : 200_000L),
                        seconds(orDefault(syncMaxSeconds, quick ? 1.5 : 8.0))),
                seconds(orDefault(warmUpSeconds, quick ? 0.75 : 2.0)),
                (long) (maxGibPerRow * (1L << 30)),
                seconds(orDefault(fsyncSeconds, quick ? 1.0 : 3.0)),
                seed);
    }

    private static List<String> describe(RunPlan plan) {
        return List.of(
                String.format(Locale.ROOT, "phases: ASYNC_FLUSH rows up to %,d messages or %s s; SYNC_FLUSH rows up"
                                + " to %,d messages or %s s; at most %.1f GiB of bodies per phase; warm-up %s s",
                        plan.asyncLimits().maxMessages(), plan.asyncLimits().maxDuration().toMillis() / 1e3,
                        plan.syncLimits().maxMessages(), plan.syncLimits().maxDuration().toMillis() / 1e3,
                        plan.maxBodyBytesPerPhase() / (double) (1L << 30), plan.warmUp().toMillis() / 1e3),
                "workload: topic " + Workload.TOPIC + ", " + Workload.QUEUES + " queues (message i to queue i % "
                        + Workload.QUEUES + "), tag " + Workload.TAG + ", key k<i>, a unique id; async64 keeps "
                        + WriterMode.ASYNC_WINDOW + " puts in flight from one thread");
    }

    private static boolean anyFailed(List<RowResult> rows) {
        return rows.stream().flatMap(row -> row.stores().stream()).anyMatch(store -> store.failure() != null);
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static void deleteQuietly(Path runDir) {
        try {
            Directories.deleteRecursively(runDir);
        } catch (IOException e) {
            System.err.println("could not delete " + runDir + ": " + e);
        }
    }
}

package io.couriermq.bench.broker;

import io.couriermq.bench.cluster.BrokerHttp;
import io.couriermq.client.ClientConfig;
import io.couriermq.testing.BrokerNode;
import io.couriermq.testing.TestCluster;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Messages a broker holds back, measured on a real NameServer and broker started for the run (JVMs of their own,
 * on loopback): delay messages (how late the timer delivers a million of them spread over a minute, and the
 * broker's memory meanwhile) and transactions (committed transactional sends per second beside normal sends).
 * See benchmarks/README.md.
 */
@Command(name = "bench-held", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Delay messages and transactions on a real broker: timer lateness and memory, "
                + "transactional vs normal sends per second.")
public final class HeldMessagesBenchmark implements Callable<Integer> {

    private static final long MIB = 1024 * 1024;

    @Option(names = "--dir", defaultValue = "target/bench-held",
            description = "Work directory of the cluster (default: ${DEFAULT-VALUE}); emptied first.")
    private Path dir;

    @Option(names = "--delay-messages", defaultValue = "1000000",
            description = "Delay messages to schedule (default: ${DEFAULT-VALUE}).")
    private int delayMessages;

    @Option(names = "--spread-seconds", defaultValue = "60",
            description = "Delivery times are spread over this many seconds (default: ${DEFAULT-VALUE}).")
    private int spreadSeconds;

    @Option(names = "--lead-seconds", defaultValue = "150",
            description = "The first delivery time is this far ahead, to send everything before it; a million "
                    + "take about 100 s on 2 busy cores (default: ${DEFAULT-VALUE}).")
    private int leadSeconds;

    @Option(names = "--body-bytes", defaultValue = "128", description = "Body size (default: ${DEFAULT-VALUE}).")
    private int bodyBytes;

    @Option(names = "--batch", defaultValue = "128",
            description = "Delay messages per send request (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--in-flight", defaultValue = "8",
            description = "Delay send requests in flight (default: ${DEFAULT-VALUE}).")
    private int inFlight;

    @Option(names = "--tx-threads", defaultValue = "16",
            description = "Threads sending one message at a time in the transaction phases (default: "
                    + "${DEFAULT-VALUE}).")
    private int txThreads;

    @Option(names = "--tx-seconds", defaultValue = "20",
            description = "Measured seconds of each transaction phase (default: ${DEFAULT-VALUE}).")
    private int txSeconds;

    @Option(names = "--skip-delay", description = "Run the transaction phases only.")
    private boolean skipDelay;

    @Option(names = "--skip-transactions", description = "Run the delay phase only.")
    private boolean skipTransactions;

    @Option(names = "--broker-jvm", defaultValue = "-Xms512m -Xmx512m -XX:+UseG1GC",
            description = "JVM options of the broker and NameServer (default: ${DEFAULT-VALUE}).")
    private String brokerJvm;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HeldMessagesBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        deleteRecursively(dir);
        Files.createDirectories(dir);
        // Each part is printed as soon as it is done, so a failure later in the run does not lose it.
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores; services run with "
                + brokerJvm);
        try (TestCluster cluster = TestCluster.builder(dir.toAbsolutePath())
                .jvmOptions(Arrays.asList(brokerJvm.trim().split("\\s+")))
                .brokerArgument("--courier.broker.flushDiskType=ASYNC_FLUSH")
                .start()) {
            BrokerNode broker = cluster.broker(0);
            BrokerHttp rest = new BrokerHttp(broker.httpUrl());
            ClientConfig config = ClientConfig.builder().endpoints(cluster.nameServerAddress())
                    .requestTimeout(Duration.ofSeconds(10)).build();
            try (BrokerMemory memory = new BrokerMemory(broker.pid(), rest)) {
                if (!skipDelay) {
                    rest.createTopic("BenchDelay", 8, "DELAY");
                    DelayRun.Result result = new DelayRun(config, "BenchDelay", delayMessages, bodyBytes, batch,
                            inFlight, Duration.ofSeconds(leadSeconds), Duration.ofSeconds(spreadSeconds)).run(memory);
                    delayReport(result, rest.sum("/api/timer", "dropped")).forEach(System.out::println);
                }
                if (!skipTransactions) {
                    rest.createTopic("BenchNormal", 8, "NORMAL");
                    rest.createTopic("BenchTx", 8, "TRANSACTION");
                    transactionReport(config, rest).forEach(System.out::println);
                }
            }
        }
        System.out.println();
        System.out.println("load average (1, 5, 15 min) at the end: " + loadAverage());
        return 0;
    }

    private List<String> delayReport(DelayRun.Result result, long timerDropped) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(String.format(Locale.ROOT, "Delay: %,d messages of %d B, due at random over %d s starting %d s "
                        + "after sending began; sent in %.1f s (%,.0f msg/s)%s", result.messages(), bodyBytes,
                spreadSeconds, leadSeconds, result.sendSeconds(), result.messages() / result.sendSeconds(),
                result.sentBeforeFirstDue() ? "" : " -- NOT all sent before the first due time"));
        lines.add("");
        lines.add("| lateness (ms) | p50 | p90 | p99 | p99.9 | max |");
        lines.add("|---|---:|---:|---:|---:|---:|");
        lines.add(latencyRow("broker: stored in topic - due", result.brokerLateness()));
        lines.add(latencyRow("consumer: pulled - due", result.consumerLateness()));
        lines.add("");
        lines.add(String.format(Locale.ROOT, "delivered: %,d of %,d; before due: %d; repeated: %d; missing: %d "
                        + "(the timer dropped %d: their timer messages were gone or unreadable, see the broker log)",
                result.messages() - result.missing(), result.messages(), result.early(), result.repeated(),
                result.missing(), timerDropped));
        BrokerMemory.Peaks memory = result.memory();
        lines.add(String.format(Locale.ROOT, "broker memory, peak: RSS %,d MiB (anonymous %,d MiB: heap, "
                        + "metaspace, stacks, buffers; file-backed %,d MiB: resident pages of mapped store files)",
                memory.rss() / MIB, memory.rssAnon() / MIB, memory.rssFile() / MIB));
        lines.add(String.format(Locale.ROOT, "broker heap, peak in use: %,d MiB (garbage included); timer held up to "
                + "%,d messages", memory.heapUsed() / MIB, memory.timerPending()));
        return lines;
    }

    private List<String> transactionReport(ClientConfig config, BrokerHttp rest) throws Exception {
        TransactionRun run = new TransactionRun(config, txThreads, bodyBytes, Duration.ofSeconds(5),
                Duration.ofSeconds(txSeconds));
        TransactionRun.Phase normal = run.normal("BenchNormal");
        TransactionRun.Phase committed = run.committed("BenchTx");
        long delivered = rest.sum("/api/topics/BenchTx/status", "maxOffset");
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(String.format(Locale.ROOT, "Transactions: %d threads, one %d B message at a time each, %d s "
                + "measured after 5 s of warm-up", txThreads, bodyBytes, txSeconds));
        lines.add("");
        lines.add("| phase | msg/s | p50 (ms) | p99 (ms) | vs normal |");
        lines.add("|---|---:|---:|---:|---:|");
        for (TransactionRun.Phase phase : List.of(normal, committed)) {
            lines.add(String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %.2f | %.2f |", phase.name(),
                    phase.perSecond(), phase.latency().getValueAtPercentile(50) / 1000.0,
                    phase.latency().getValueAtPercentile(99) / 1000.0, phase.perSecond() / normal.perSecond()));
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, "committed messages in BenchTx (warm-up included): %,d; "
                + "transactions still open: %d", delivered, openTransactionsAfterSettling(rest)));
        return lines;
    }

    /**
     * Open transactions once the broker has read the last commits back from its op log, which it does on its
     * checker's tick: right after the phase, the last few commits still count as open. Waits at most 10 s.
     */
    private static long openTransactionsAfterSettling(BrokerHttp rest) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long open = rest.sum("/api/transactions", "open");
        while (open > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            open = rest.sum("/api/transactions", "open");
        }
        return open;
    }

    /** The first three fields of /proc/loadavg: on a shared machine, the figures mean little without them. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return String.join(" ", Arrays.asList(fields).subList(0, 3));
    }

    private static String latencyRow(String name, Histogram histogram) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d |", name,
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

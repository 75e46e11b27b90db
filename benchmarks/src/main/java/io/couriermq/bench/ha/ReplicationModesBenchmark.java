package io.couriermq.bench.ha;

import io.couriermq.bench.harness.Workload;
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
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Issue 4's benchmark: the same bounded send workload of 1 KiB messages against a single master, an ASYNC_MASTER
 * with a slave and a SYNC_MASTER with a slave, each started fresh for its turn (real NameServer and broker JVMs on
 * loopback), in one run, so the replicated modes are compared with a single master measured on the same machine
 * at nearly the same time. See benchmarks/README.md.
 */
@Command(name = "bench-ha", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send throughput and latency under single master, ASYNC_MASTER and SYNC_MASTER; "
                + "replication MB/s and lag.")
public final class ReplicationModesBenchmark implements Callable<Integer> {

    @Option(names = "--messages", defaultValue = "100000",
            description = "Measured messages per mode (default: ${DEFAULT-VALUE}).")
    private int messages;

    @Option(names = "--warmup", defaultValue = "20000",
            description = "Unmeasured messages sent first to each mode's fresh JVMs (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--body-bytes", defaultValue = "1024", description = "Body size (default: ${DEFAULT-VALUE}).")
    private int bodyBytes;

    @Option(names = "--in-flight", defaultValue = "64",
            description = "Send requests outstanding at once (default: ${DEFAULT-VALUE}).")
    private int inFlight;

    @Option(names = "--phase-seconds", defaultValue = "180",
            description = "Longest a warm-up or measured phase may run; it stops early, with fewer messages "
                    + "(default: ${DEFAULT-VALUE}).")
    private int phaseSeconds;

    @Option(names = "--sample-ms", defaultValue = "100",
            description = "Interval of the master's lag samples (default: ${DEFAULT-VALUE}).")
    private long sampleMs;

    @Option(names = "--dir", defaultValue = "target/bench-ha",
            description = "Work directory of the clusters (default: ${DEFAULT-VALUE}); emptied first, removed "
                    + "after a successful run.")
    private Path dir;

    @Option(names = "--broker-jvm", defaultValue = "-Xms1g -Xmx1g -XX:+UseG1GC",
            description = "JVM options of the brokers and the NameServer (default: ${DEFAULT-VALUE}).")
    private String brokerJvm;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplicationModesBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Workload workload = new Workload(messages, warmup, bodyBytes, inFlight, 1, Duration.ofSeconds(phaseSeconds));
        List<String> jvmOptions = Arrays.asList(brokerJvm.trim().split("\\s+"));
        ModeRun run = new ModeRun(workload, jvmOptions, dir, sampleMs);
        String loadBefore = LoadAverage.all();
        List<ModeResult> results = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            results.add(run.run(mode));
            // Dropping the files also drops their dirty pages, so the kernel does not write them back during the
            // next mode's turn. A failed mode's files and logs stay for a look.
            deleteRecursively(run.modeDir(mode));
        }
        String loadAfter = LoadAverage.all();
        System.out.printf("%nbench-ha: %,d measured messages of %,d B per mode after %,d warm-up, %d sends in "
                        + "flight, one message per request; ASYNC_FLUSH; services run with %s; %d cores%n",
                messages, bodyBytes, warmup, inFlight, brokerJvm, Runtime.getRuntime().availableProcessors());
        System.out.printf("load average (1/5/15 min): %s before, %s after%n%n", loadBefore, loadAfter);
        new ResultTable(results).print(System.out);
        deleteRecursively(dir);
        return 0;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

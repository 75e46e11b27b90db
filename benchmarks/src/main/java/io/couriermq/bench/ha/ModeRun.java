package io.couriermq.bench.ha;

import io.couriermq.bench.cluster.BrokerHttp;
import io.couriermq.bench.harness.BenchReport.SendFigures;
import io.couriermq.bench.harness.SendPhase;
import io.couriermq.bench.harness.Workload;
import io.couriermq.client.ClientConfig;
import io.couriermq.testing.TestCluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs the workload against one mode on a cluster of its own: a NameServer and a master (and its slave), each a
 * JVM with the given options, storing under {@code dir/<mode>}. The warm-up goes to the same topic as the measured
 * phase, and a replicated mode waits for its slave to hold the whole log between the two, so the measured phase
 * starts with no lag. The cluster is stopped when the mode is done, whether it succeeded or not.
 */
final class ModeRun {

    private static final String TOPIC = "BenchReplication";
    private static final int QUEUES = 8;
    private static final String SLAVE_LOG_END = "courier_ha_slave_log_end_offset";
    private static final String IN_SYNC_SLAVES = "courier_ha_in_sync_slaves";
    private static final Duration SLAVE_WAIT = Duration.ofSeconds(60);
    private static final Duration ROUTE_WAIT = Duration.ofSeconds(30);
    /** Enough for one sample per interval over the longest phase the workload allows. */
    private static final int MAX_LAG_SAMPLES = 100_000;

    private final Workload workload;
    private final List<String> jvmOptions;
    private final Path dir;
    private final long sampleIntervalMs;

    ModeRun(Workload workload, List<String> jvmOptions, Path dir, long sampleIntervalMs) {
        this.workload = workload;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.dir = dir;
        this.sampleIntervalMs = sampleIntervalMs;
    }

    ModeResult run(Mode mode) throws IOException, InterruptedException {
        System.err.printf("%n== %s: starting the cluster%n", mode.label());
        try (TestCluster cluster = TestCluster.builder(modeDir(mode))
                .slaves(mode.replicated() ? 1 : 0)
                .masterRole(mode.masterRole())
                .brokerArgument("--courier.broker.flushDiskType=ASYNC_FLUSH")
                .jvmOptions(jvmOptions)
                .start()) {
            BrokerHttp master = new BrokerHttp(cluster.broker(0).httpUrl());
            BrokerHttp slave = mode.replicated() ? new BrokerHttp(cluster.slave(0).httpUrl()) : null;
            master.createTopic(TOPIC, QUEUES, "NORMAL");
            if (slave != null) {
                awaitSlaveInSync(master);
            }
            ClientConfig config = ClientConfig.builder().endpoints(cluster.nameServerAddress())
                    .requestTimeout(Duration.ofSeconds(10)).build();
            try (SdkSender sender = SdkSender.open(config, TOPIC, ROUTE_WAIT)) {
                if (workload.warmup() > 0) {
                    SendPhase.run(sender, workload, TOPIC, mode.name() + " warm-up", workload.warmup());
                }
                return measure(mode, sender, master, slave);
            }
        }
    }

    /** Where the mode's NameServer and brokers keep their stores and logs. */
    Path modeDir(Mode mode) {
        return dir.resolve(mode.name().toLowerCase(Locale.ROOT)).toAbsolutePath();
    }

    private ModeResult measure(Mode mode, SdkSender sender, BrokerHttp master, BrokerHttp slave)
            throws IOException, InterruptedException {
        boolean caughtUp = slave == null || awaitCaughtUp(master);
        double slaveStart = slave == null ? 0 : slave.scrape().max(SLAVE_LOG_END);
        double loadBefore = LoadAverage.oneMinute();
        long start = System.nanoTime();
        LagSampler sampler = LagSampler.start(master, sampleIntervalMs, MAX_LAG_SAMPLES);
        SendFigures send;
        LagSampler.Lag lag;
        try {
            send = SendPhase.run(sender, workload, TOPIC, mode.name() + " measured", workload.messages());
        } finally {
            lag = sampler.stop();
        }
        double loadAfter = LoadAverage.oneMinute();
        if (slave == null) {
            return new ModeResult(mode, send, lag, 0, send.seconds(), true, loadBefore, loadAfter);
        }
        caughtUp &= awaitCaughtUp(master);
        double seconds = (System.nanoTime() - start) / 1e9;
        long replicated = (long) (slave.scrape().max(SLAVE_LOG_END) - slaveStart);
        return new ModeResult(mode, send, lag, replicated, seconds, caughtUp, loadBefore, loadAfter);
    }

    /** Waits until the master counts its slave as in sync, which a SYNC_MASTER needs before it accepts sends. */
    private static void awaitSlaveInSync(BrokerHttp master) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SLAVE_WAIT.toNanos();
        while (!(master.scrape().max(IN_SYNC_SLAVES) >= 1)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the slave was not in sync with the master after " + SLAVE_WAIT);
            }
            Thread.sleep(100);
        }
    }

    /** Waits until the slave has acknowledged the master's whole log; false if it has not within the wait. */
    private static boolean awaitCaughtUp(BrokerHttp master) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SLAVE_WAIT.toNanos();
        while (!(master.scrape().max(LagSampler.LAG_BYTES) == 0)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}

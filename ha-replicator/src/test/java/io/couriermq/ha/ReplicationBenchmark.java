package io.couriermq.ha;

import io.couriermq.store.AppendResult;
import io.couriermq.store.ByteSize;
import io.couriermq.store.FlushMode;
import io.couriermq.store.Message;
import io.couriermq.store.MessageStore;
import io.couriermq.store.ReplicationLog;
import io.couriermq.store.StoreConfig;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Replication throughput and latency on loopback, master and slave in one JVM on real stores in a temporary
 * directory, with 1 KiB messages. Four runs, each bounded in messages and in time:
 * <ul>
 *     <li>catch-up: the master holds the messages before the slave starts; time until the slave holds them all;</li>
 *     <li>live: the slave is connected while one producer appends as fast as it can; time from the first append
 *     until the slave holds everything;</li>
 *     <li>sync, 1 and 64 in flight: each append is followed by {@code awaitReplicated} for its end offset; latency
 *     from the append call until the master has the slave's acknowledgement.</li>
 * </ul>
 * Run with
 * {@code mvn -q -B -pl ha-replicator test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.couriermq.ha.ReplicationBenchmark [-Dexec.args="messages seconds"]}.
 * Strictly a benchmark: it is not a test and no test runs it.
 */
public final class ReplicationBenchmark {

    private static final int BODY_BYTES = 1024;
    private static final byte[] BODY = new byte[BODY_BYTES];
    private static final Map<String, String> PROPERTIES = Map.of();

    private final int messages;
    private final Duration maxTime;

    private ReplicationBenchmark(int messages, Duration maxTime) {
        this.messages = messages;
        this.maxTime = maxTime;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Duration maxTime = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 30);
        Path dir = Files.createTempDirectory("courier-ha-bench");
        try {
            new ReplicationBenchmark(messages, maxTime).run(dir);
        } finally {
            deleteRecursively(dir);
        }
    }

    private void run(Path dir) throws Exception {
        System.out.printf("%d messages of %d B per run, at most %s per run, loopback, ASYNC_FLUSH%n", messages,
                BODY_BYTES, maxTime);
        System.out.printf("%-22s %9s %9s %11s %9s %9s %9s%n", "run", "messages", "MB/s", "msgs/s", "p50 us",
                "p99 us", "max us");
        catchUp(dir.resolve("catch-up"));
        live(dir.resolve("live"));
        sync(dir.resolve("sync-1"), 1);
        sync(dir.resolve("sync-64"), 64);
    }

    @SuppressWarnings("try") // the slave only needs to run while the block does
    private void catchUp(Path dir) throws Exception {
        try (Pair pair = Pair.open(dir)) {
            int written = appendUnthrottled(pair.master, System.nanoTime() + maxTime.toNanos());
            long end = pair.master.replicationLog().endOffset();
            long start = System.nanoTime();
            try (ReplicationMaster master = pair.startMaster();
                 ReplicationSlave ignored = pair.startSlave(master.localAddress())) {
                long elapsed = awaitSlaveAt(pair.slave.replicationLog(), end, start) - start;
                printThroughput("catch-up", written, end, elapsed);
            }
        }
    }

    @SuppressWarnings("try") // the slave only needs to run while the block does
    private void live(Path dir) throws Exception {
        try (Pair pair = Pair.open(dir);
             ReplicationMaster master = pair.startMaster();
             ReplicationSlave ignored = pair.startSlave(master.localAddress())) {
            awaitInSync(master);
            long start = System.nanoTime();
            int written = appendUnthrottled(pair.master, start + maxTime.toNanos());
            long end = pair.master.replicationLog().endOffset();
            long elapsed = awaitSlaveAt(pair.slave.replicationLog(), end, start) - start;
            printThroughput("live", written, end, elapsed);
        }
    }

    @SuppressWarnings("try") // the slave only needs to run while the block does
    private void sync(Path dir, int inFlight) throws Exception {
        Histogram latencyNanos = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        try (Pair pair = Pair.open(dir);
             ReplicationMaster master = pair.startMaster();
             ReplicationSlave ignored = pair.startSlave(master.localAddress())) {
            awaitInSync(master);
            Semaphore window = new Semaphore(inFlight);
            long start = System.nanoTime();
            long deadline = start + maxTime.toNanos();
            int written = 0;
            while (written < messages && System.nanoTime() < deadline) {
                window.acquire();
                long sent = System.nanoTime();
                CompletableFuture<AppendResult> append = pair.master.append(message(written));
                append.thenCompose(result -> master.awaitReplicated(result.endOffset())).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        System.err.println("sync write failed: " + failure);
                    } else {
                        latencyNanos.recordValue(System.nanoTime() - sent);
                    }
                    window.release();
                });
                written++;
            }
            window.acquire(inFlight);
            long elapsed = System.nanoTime() - start;
            double seconds = elapsed / 1e9;
            System.out.printf("%-22s %9d %9.1f %11.0f %9.1f %9.1f %9.1f%n", "sync, " + inFlight + " in flight",
                    written, pair.master.replicationLog().endOffset() / seconds / 1e6, written / seconds,
                    latencyNanos.getValueAtPercentile(50) / 1e3, latencyNanos.getValueAtPercentile(99) / 1e3,
                    latencyNanos.getMaxValue() / 1e3);
        }
    }

    private int appendUnthrottled(MessageStore store, long deadlineNanos) {
        int written = 0;
        CompletableFuture<AppendResult> last = null;
        while (written < messages && System.nanoTime() < deadlineNanos) {
            last = store.append(message(written++));
        }
        if (last != null) {
            last.join();
        }
        return written;
    }

    private static Message message(int i) {
        return Message.of("bench", i % 8, PROPERTIES, BODY);
    }

    /** Polls the slave's log until it reaches {@code end}; returns when it did, in nanos. Bounded at 5 minutes. */
    private static long awaitSlaveAt(ReplicationLog slave, long end, long start) {
        long limit = start + TimeUnit.MINUTES.toNanos(5);
        while (slave.endOffset() < end) {
            if (System.nanoTime() > limit) {
                throw new IllegalStateException("slave stuck at " + slave.endOffset() + " of " + end);
            }
            LockSupport.parkNanos(50_000);
        }
        return System.nanoTime();
    }

    private static void awaitInSync(ReplicationMaster master) {
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (master.status().inSyncSlaves() < 1) {
            if (System.nanoTime() > limit) {
                throw new IllegalStateException("slave did not connect: " + master.status());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static void printThroughput(String run, int written, long bytes, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        System.out.printf("%-22s %9d %9.1f %11.0f %9s %9s %9s%n", run, written, bytes / seconds / 1e6,
                written / seconds, "-", "-", "-");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A master store and an empty slave store with the same geometry, and the replication config for both. */
    private record Pair(MessageStore master, MessageStore slave, ReplicationConfig config) implements AutoCloseable {

        static Pair open(Path dir) {
            ReplicationConfig config = ReplicationConfig.builder()
                    .listenAddress(new InetSocketAddress("127.0.0.1", 0))
                    .maxInSyncLag(ByteSize.ofGibibytes(1))
                    .build();
            MessageStore master = MessageStore.open(store(dir.resolve("master")));
            try {
                return new Pair(master, MessageStore.open(store(dir.resolve("slave"))), config);
            } catch (RuntimeException e) {
                master.close();
                throw e;
            }
        }

        private static StoreConfig store(Path dir) {
            return StoreConfig.builder(dir).flushMode(FlushMode.ASYNC_FLUSH)
                    .commitLogSegmentSize(ByteSize.ofMebibytes(128)).build();
        }

        ReplicationMaster startMaster() {
            return ReplicationMaster.start(master.replicationLog(), config);
        }

        ReplicationSlave startSlave(InetSocketAddress masterAddress) {
            return ReplicationSlave.start(slave.replicationLog(), () -> masterAddress, config);
        }

        @Override
        public void close() {
            try {
                slave.close();
            } finally {
                master.close();
            }
        }
    }
}

package io.couriermq.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SYNC_FLUSH promises that an acknowledged append survives any crash. A child JVM appends and reports each
 * acknowledgement; we SIGKILL it at a random moment, reopen the store, and check that every acknowledged message
 * is there, intact, at the offsets it was acknowledged with, and that every queue reads back without a partial
 * or damaged record. The child of the next round continues on the recovered store, so recovery is exercised
 * on top of earlier recoveries.
 */
class KillNineDurabilityTest {

    private static final int ROUNDS = 20;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAcknowledgedAppendSurvivesSigkill() throws Exception {
        Random random = new Random(20261125L);
        long totalAcked = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            List<Ack> acked = runAndKill(round, 20 + random.nextInt(1500));
            assertThat(acked).as("round %d acknowledged appends", round).isNotEmpty();
            totalAcked += acked.size();
            verify(round, acked);
        }
        assertThat(totalAcked).isGreaterThan(ROUNDS * 20L);
    }

    private List<Ack> runAndKill(int round, int acksBeforeKill) throws IOException, InterruptedException {
        Path stderr = dir.resolve("child-" + round + ".err");
        Process child = new ProcessBuilder(javaBinary(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SyncAppenderProcess.class.getName(), dir.resolve("store").toString(), Integer.toString(round))
                .redirectError(stderr.toFile())
                .start();
        children.add(child);
        Queue<Ack> acked = new ConcurrentLinkedQueue<>();
        AtomicBoolean ready = new AtomicBoolean();
        Thread reader = new Thread(() -> readAcks(child, acked, ready), "ack-reader-" + round);
        reader.start();
        await("child of round " + round + " acknowledging " + acksBeforeKill + " appends (stderr in " + stderr + ")")
                .atMost(Duration.ofSeconds(60))
                .until(() -> acked.size() >= acksBeforeKill || !child.isAlive());
        assertThat(child.isAlive()).as("child still running when killed").isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(ready).isTrue();
        return new ArrayList<>(acked);
    }

    private static void readAcks(Process child, Queue<Ack> acked, AtomicBoolean ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("READY")) {
                    ready.set(true);
                } else if (line.startsWith("ACK ")) {
                    Ack ack = Ack.parse(line);
                    if (ack != null) {
                        acked.add(ack);
                    }
                }
            }
        } catch (IOException childGone) {
            // The pipe closes when the child is killed.
        }
    }

    private void verify(int round, List<Ack> acked) {
        try (MessageStore store = MessageStore.open(SyncAppenderProcess.config(dir.resolve("store")))) {
            assertThat(store.recoveryReport().cleanShutdown()).isFalse();
            for (Ack ack : acked) {
                StoredMessage message = store.getMessage(ack.physicalOffset);
                assertThat(TestStores.body(message)).as("round %d: %s", round, ack)
                        .isEqualTo(SyncAppenderProcess.payload(ack.round, ack.thread, ack.sequence));
                assertThat(message.queueOffset()).isEqualTo(ack.queueOffset);
                assertThat(message.queueId()).isEqualTo(ack.queueId);
            }
            for (int queue = 0; queue < SyncAppenderProcess.THREADS; queue++) {
                readWholeQueue(store, queue);
            }
            assertThat(store.stats().corruptRecordsSkipped()).isZero();
        }
    }

    /** Every entry of the queue must resolve to an intact record with the queue offset the entry has. */
    private static void readWholeQueue(MessageStore store, int queue) {
        long expected = store.minOffset("durable", queue);
        long max = store.maxOffset("durable", queue);
        while (expected < max) {
            GetResult result = store.getMessages("durable", queue, expected, 256, TagFilter.all());
            assertThat(result.status()).isEqualTo(GetStatus.FOUND);
            for (StoredMessage message : result.messages()) {
                assertThat(message.queueOffset()).isEqualTo(expected++);
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Ack(long physicalOffset, long queueOffset, int queueId, int round, int thread, long sequence) {

        static Ack parse(String line) {
            String[] parts = line.split(" ");
            if (parts.length != 7) {
                return null; // cut off by the kill
            }
            return new Ack(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Integer.parseInt(parts[3]),
                    Integer.parseInt(parts[4]), Integer.parseInt(parts[5]), Long.parseLong(parts[6]));
        }
    }
}

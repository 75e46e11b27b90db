package io.couriermq.store;

import io.couriermq.store.recovery.RecoveryReport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.couriermq.store.TestStores.await;
import static io.couriermq.store.TestStores.body;
import static io.couriermq.store.TestStores.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes garbage from a random point to the end of the log, as a torn write or a damaged disk would, and checks
 * that recovery keeps exactly the records before the first damaged one, and that the store goes on from there.
 */
class TailCorruptionRecoveryTest {

    private static final int MESSAGES = 400;
    private static final int QUEUES = 3;

    @TempDir
    Path dir;

    @RepeatedTest(10)
    void recoveryCutsTheLogAtTheFirstDamagedRecord(RepetitionInfo repetition) throws Exception {
        long seed = 7919L * repetition.getCurrentRepetition();
        Random random = new Random(seed);
        StoreConfig config = TestStores.small(dir, FlushMode.ASYNC_FLUSH).build();
        List<AppendResult> results = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        long logEnd;
        try (MessageStore store = MessageStore.open(config)) {
            for (int i = 0; i < MESSAGES; i++) {
                String body = "m" + i + "-" + "x".repeat(random.nextInt(600));
                bodies.add(body);
                results.add(await(store.append(message("t", i % QUEUES, body, null))));
            }
            logEnd = store.stats().logWrittenOffset();
        }
        int firstDamaged = MESSAGES - 1 - random.nextInt(100);
        AppendResult damaged = results.get(firstDamaged);
        long damageAt = damaged.physicalOffset() + random.nextInt(damaged.recordSize());
        byte[] garbage = new byte[(int) (logEnd - damageAt)];
        random.nextBytes(garbage);
        garbage[0] = (byte) ~readLogByte(dir, damageAt);
        StoreFiles.overwriteLog(dir, damageAt, garbage);
        StoreFiles.forgetCleanShutdownAndCheckpoint(dir);

        try (MessageStore store = MessageStore.open(config)) {
            RecoveryReport report = store.recoveryReport();
            assertThat(report.cleanShutdown()).isFalse();
            assertThat(report.truncatedAtOffset()).as("seed %d", seed).isEqualTo(damaged.physicalOffset());
            assertThat(report.recordsValidated()).isEqualTo(firstDamaged);
            assertThat(report.problem()).isNotNull();
            assertThat(store.stats().logWrittenOffset()).isEqualTo(damaged.physicalOffset());
            for (int q = 0; q < QUEUES; q++) {
                int survivors = (firstDamaged - q + QUEUES - 1) / QUEUES;
                assertThat(store.maxOffset("t", q)).as("queue %d", q).isEqualTo(survivors);
                assertThat(store.getMessages("t", q, 0, 1000, TagFilter.all()).messages()).hasSize(survivors);
            }
            for (int i = 0; i < firstDamaged; i++) {
                assertThat(body(store.getMessage(results.get(i).physicalOffset()))).startsWith("m" + i + "-");
            }
            assertThat(store.queryById("ID-t-" + bodies.get(firstDamaged - 1))).isPresent();
            assertThat(store.queryById("ID-t-" + bodies.get(firstDamaged))).isEmpty();

            AppendResult next = await(store.append(message("t", firstDamaged % QUEUES, "again", null)));
            assertThat(next.physicalOffset()).isEqualTo(damaged.physicalOffset());
            assertThat(next.queueOffset()).isEqualTo(damaged.queueOffset());
        }
        try (MessageStore store = MessageStore.open(config)) {
            assertThat(store.recoveryReport().cleanShutdown()).isTrue();
            assertThat(store.recoveryReport().truncated()).isFalse();
            assertThat(body(store.getMessage(damaged.physicalOffset()))).isEqualTo("again");
        }
    }

    private static byte readLogByte(Path storeDir, long offset) throws Exception {
        for (Path segment : StoreFiles.commitLogSegments(storeDir)) {
            long base = Long.parseLong(segment.getFileName().toString());
            if (offset >= base && offset < base + Files.size(segment)) {
                try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "r")) {
                    file.seek(offset - base);
                    return file.readByte();
                }
            }
        }
        throw new IllegalArgumentException("no segment holds " + offset);
    }
}

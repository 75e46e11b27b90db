package io.couriermq.store.queue;

import io.couriermq.store.MessageProperties;
import io.couriermq.store.record.LogEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** All consume queues under one root, fed entries the way the dispatcher feeds them. */
class ConsumeQueueStoreTest {

    private static final int PER_SEGMENT = 10;

    @TempDir
    Path root;

    private ConsumeQueueStore store;
    private long logEnd;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private ConsumeQueueStore open() {
        if (store != null) {
            store.close();
        }
        store = ConsumeQueueStore.open(root, PER_SEGMENT);
        return store;
    }

    /** Dispatches the next record of the log: 100 bytes, tagged. */
    private LogEntry dispatch(String topic, int queueId, long queueOffset, String tag) {
        LogEntry entry = new LogEntry(logEnd, 100, topic, queueId, queueOffset, MessageProperties.tagHash(tag),
                1_000L, null, null);
        logEnd += 100;
        store.onEntry(entry);
        return entry;
    }

    @Test
    void onEntryCreatesTheQueueUnderTopicAndQueueId() {
        open();

        LogEntry entry = dispatch("orders", 2, 0, "TagA");

        ConsumeQueue queue = store.find("orders", 2);
        assertThat(queue).isNotNull();
        assertThat(queue.get(0)).isEqualTo(new QueueEntry(0, entry.physicalOffset(), 100, "TagA".hashCode()));
        assertThat(root.resolve("orders").resolve("2")).isDirectory();
        assertThat(store.find("orders", 1)).isNull();
        assertThat(store.find("payments", 2)).isNull();
    }

    @Test
    void entriesGoToTheirOwnQueues() {
        open();
        for (int i = 0; i < 12; i++) {
            dispatch("orders", i % 3, i / 3, "T" + i);
        }
        dispatch("payments", 0, 0, "P");

        assertThat(store.topics()).containsExactlyInAnyOrder("orders", "payments");
        assertThat(store.all()).hasSize(4);
        for (int q = 0; q < 3; q++) {
            ConsumeQueue queue = store.find("orders", q);
            assertThat(queue.maxOffset()).isEqualTo(4);
            assertThat(queue.read(0, 10)).extracting(QueueEntry::physicalOffset)
                    .containsExactly(q * 100L, (q + 3) * 100L, (q + 6) * 100L, (q + 9) * 100L);
        }
        assertThat(store.find("payments", 0).get(0).physicalOffset()).isEqualTo(1200);
    }

    @Test
    void reopeningFindsEveryQueueAndIgnoresStrayDirectories() throws IOException {
        open();
        for (int i = 0; i < 25; i++) {
            dispatch("orders", 0, i, "T");
        }
        dispatch("orders", 7, 0, "T");
        Files.createDirectories(root.resolve("orders").resolve("not-a-queue"));
        Files.write(root.resolve("stray-file"), new byte[] {1});

        open();

        assertThat(store.topics()).containsExactly("orders");
        assertThat(store.all()).hasSize(2);
        assertThat(store.find("orders", 0).maxOffset()).isEqualTo(25);
        assertThat(store.find("orders", 0).get(24).physicalOffset()).isEqualTo(2400);
        assertThat(store.find("orders", 7).maxOffset()).isEqualTo(1);
    }

    @Test
    void truncateToLogTrimsEveryQueueAndCountsTheDrops() {
        open();
        for (int i = 0; i < 10; i++) {
            dispatch("a", 0, i, "T");
            dispatch("b", 0, i, "T");
        }

        long dropped = store.truncateToLog(1000);

        assertThat(dropped).isEqualTo(10);
        assertThat(store.find("a", 0).maxOffset()).isEqualTo(5);
        assertThat(store.find("b", 0).maxOffset()).isEqualTo(5);
    }

    @Test
    void deleteBeforeLogMovesEveryQueueMinimum() {
        open();
        for (int i = 0; i < 30; i++) {
            dispatch("a", 0, i, "T");
            dispatch("b", 1, i, "T");
        }

        store.deleteBeforeLog(2500);

        assertThat(store.find("a", 0).minOffset()).isEqualTo(13);
        assertThat(store.find("b", 1).minOffset()).isEqualTo(12);
    }

    @Test
    void deleteTopicRemovesItsQueuesAndFilesOnly() {
        open();
        for (int i = 0; i < 25; i++) {
            dispatch("doomed", i % 2, i / 2, "T");
            dispatch("kept", 0, i, "T");
        }

        store.deleteTopic("doomed");

        assertThat(root.resolve("doomed")).doesNotExist();
        assertThat(store.find("doomed", 0)).isNull();
        assertThat(store.find("doomed", 1)).isNull();
        assertThat(store.topics()).containsExactly("kept");
        assertThat(store.find("kept", 0).maxOffset()).isEqualTo(25);
        assertThat(root.resolve("kept").resolve("0")).isDirectory();

        open();
        assertThat(store.topics()).containsExactly("kept");
    }

    @Test
    void deleteTopicThatNeverExistedDoesNothing() {
        open();
        dispatch("kept", 0, 0, "T");

        store.deleteTopic("unknown");

        assertThat(store.topics()).containsExactly("kept");
    }

    @Test
    void deletedTopicCanBeRecreatedFromOffsetZero() {
        open();
        for (int i = 0; i < 5; i++) {
            dispatch("t", 0, i, "T");
        }
        store.deleteTopic("t");

        LogEntry entry = dispatch("t", 0, 0, "T");

        assertThat(store.find("t", 0).maxOffset()).isEqualTo(1);
        assertThat(store.find("t", 0).get(0).physicalOffset()).isEqualTo(entry.physicalOffset());
    }
}

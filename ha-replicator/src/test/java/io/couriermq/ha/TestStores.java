package io.couriermq.ha;

import io.couriermq.store.AppendResult;
import io.couriermq.store.ByteSize;
import io.couriermq.store.Message;
import io.couriermq.store.MessageProperties;
import io.couriermq.store.MessageStore;
import io.couriermq.store.ReplicationLog;
import io.couriermq.store.StoreConfig;
import io.couriermq.store.StoredMessage;
import io.couriermq.store.TagFilter;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Small stores, fast replication timings and helpers shared by the replication tests. */
final class TestStores {

    private TestStores() {
    }

    /** Segments of 64 KiB, so that a few hundred messages span several of them. */
    static StoreConfig.Builder small(Path dir) {
        return StoreConfig.builder(dir)
                .commitLogSegmentSize(ByteSize.ofKibibytes(64))
                .maxMessageSize(ByteSize.ofKibibytes(16))
                .maxPropertiesSize(ByteSize.ofKibibytes(4))
                .consumeQueueSegmentEntries(100)
                .indexHashSlots(64)
                .indexEntriesPerFile(200);
    }

    static MessageStore open(Path dir) {
        return MessageStore.open(small(dir).build());
    }

    /** Loopback, a free port, and timings short enough for tests. */
    static ReplicationConfig.Builder config() {
        return ReplicationConfig.builder()
                .listenAddress(new InetSocketAddress("127.0.0.1", 0))
                .heartbeatInterval(Duration.ofMillis(100))
                .idleTimeout(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(1))
                .reconnectBackoff(Duration.ofMillis(50))
                .syncTimeout(Duration.ofSeconds(5));
    }

    /** Appends a message with body {@code id-xxx...} (padded by {@code paddingBytes}) and key {@code key-id}. */
    static AppendResult append(MessageStore store, String topic, int queueId, String id, int paddingBytes) {
        Map<String, String> properties = Map.of(MessageProperties.KEYS, "key-" + id,
                MessageProperties.MESSAGE_ID, "ID-" + topic + "-" + id);
        byte[] body = (id + "-" + "x".repeat(paddingBytes)).getBytes(StandardCharsets.UTF_8);
        try {
            return store.append(Message.of(topic, queueId, properties, body)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("append of " + id + " failed", e);
        }
    }

    /** Appends {@code count} messages of varied sizes to queues 0-2 of topic t, ids {@code prefix0, prefix1...}. */
    static AppendResult appendMany(MessageStore store, String prefix, int count) {
        AppendResult last = null;
        for (int i = 0; i < count; i++) {
            last = append(store, "t", i % 3, prefix + i, 100 + (i * 37) % 400);
        }
        return last;
    }

    static List<String> bodies(MessageStore store, String topic, int queueId) {
        return store.getMessages(topic, queueId, 0, 100_000, TagFilter.all()).messages().stream()
                .map(StoredMessage::body).map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    /** Copies a log's bytes in {@code [to.receivedOffset(), upTo)} into another, as a replica would receive them. */
    static void copy(ReplicationLog from, ReplicationLog to, long upTo) {
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        long offset = to.receivedOffset();
        while (offset < upTo) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), upTo - offset));
            int read = from.read(offset, chunk);
            chunk.flip();
            to.append(offset, chunk);
            offset += read;
        }
    }

    static int checksum(ReplicationLog log) {
        return log.checksum(log.startOffset(), log.endOffset());
    }

    /** Awaitility, polling fast: replication conditions turn true within milliseconds. */
    static ConditionFactory eventually() {
        return Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .atMost(Duration.ofSeconds(20));
    }

    /** Live threads of this module, which every test must have stopped by its end. */
    static List<String> replicationThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("courier-ha-")).toList();
    }
}

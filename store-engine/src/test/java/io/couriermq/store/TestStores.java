package io.couriermq.store;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Small-geometry configurations and message builders shared by store tests. */
final class TestStores {

    private TestStores() {
    }

    /** Segments of 64 KiB, small queues and index files, so tests roll files after a few hundred messages. */
    static StoreConfig.Builder small(Path dir, FlushMode mode) {
        return StoreConfig.builder(dir)
                .flushMode(mode)
                .commitLogSegmentSize(ByteSize.ofKibibytes(64))
                .maxMessageSize(ByteSize.ofKibibytes(16))
                .maxPropertiesSize(ByteSize.ofKibibytes(4))
                .consumeQueueSegmentEntries(100)
                .indexHashSlots(64)
                .indexEntriesPerFile(200);
    }

    static Message message(String topic, int queueId, String body, String tag, String... keys) {
        Map<String, String> properties = new HashMap<>();
        if (tag != null) {
            properties.put(MessageProperties.TAGS, tag);
        }
        if (keys.length > 0) {
            properties.put(MessageProperties.KEYS, String.join(MessageProperties.KEY_SEPARATOR, keys));
        }
        properties.put(MessageProperties.MESSAGE_ID, "ID-" + topic + "-" + body);
        return Message.of(topic, queueId, properties, body.getBytes(StandardCharsets.UTF_8));
    }

    static AppendResult await(CompletableFuture<AppendResult> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof StoreException storeException) {
                throw storeException;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Awaitility, polling fast: store conditions turn true within milliseconds. */
    static ConditionFactory eventually() {
        return Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(20));
    }

    static String body(StoredMessage message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }
}

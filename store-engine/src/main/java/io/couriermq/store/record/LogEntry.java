package io.couriermq.store.record;

import io.couriermq.store.MessageProperties;

import java.util.List;
import java.util.Map;

/**
 * The part of a record that derived stores (consume queues, the index) are built from: everything but the body.
 */
public record LogEntry(
        long physicalOffset,
        int recordSize,
        String topic,
        int queueId,
        long queueOffset,
        long tagHash,
        long storeTimestamp,
        Map<String, String> properties) {

    public List<String> keys() {
        return MessageProperties.keys(properties);
    }

    public String messageId() {
        return properties.get(MessageProperties.MESSAGE_ID);
    }

    public long endOffset() {
        return physicalOffset + recordSize;
    }
}

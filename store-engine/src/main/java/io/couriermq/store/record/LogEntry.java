package io.couriermq.store.record;

import io.couriermq.store.MessageProperties;

import java.util.List;

/**
 * The part of a record that derived stores (consume queues, the index) are built from: where it is, its queue
 * position, tag hash and timestamp, and the two properties the index reads. Decoded for every record, so it
 * carries nothing else.
 *
 * @param messageId the producer-assigned id, or null
 * @param keys      the raw {@link MessageProperties#KEYS} value, or null
 */
public record LogEntry(
        long physicalOffset,
        int recordSize,
        String topic,
        int queueId,
        long queueOffset,
        long tagHash,
        long storeTimestamp,
        String messageId,
        String keys) {

    /** The individual keys. */
    public List<String> keyList() {
        return MessageProperties.splitKeys(keys);
    }

    public long endOffset() {
        return physicalOffset + recordSize;
    }
}

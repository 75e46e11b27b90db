package io.couriermq.store;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A message as read back from the commit log, with the positions and timestamp the store assigned.
 *
 * @param physicalOffset position of the record in the commit log
 * @param recordSize     size of the whole record on disk
 * @param queueOffset    position of the message in its consume queue
 */
public record StoredMessage(
        long physicalOffset,
        int recordSize,
        String topic,
        int queueId,
        long queueOffset,
        int flags,
        long bornTimestamp,
        long storeTimestamp,
        InetSocketAddress bornHost,
        InetSocketAddress storeHost,
        Map<String, String> properties,
        byte[] body) {

    public String tag() {
        return properties.get(MessageProperties.TAGS);
    }

    public List<String> keys() {
        return MessageProperties.keys(properties);
    }

    public String messageId() {
        return properties.get(MessageProperties.MESSAGE_ID);
    }

    /** The commit log offset just past this record. */
    public long nextPhysicalOffset() {
        return physicalOffset + recordSize;
    }
}

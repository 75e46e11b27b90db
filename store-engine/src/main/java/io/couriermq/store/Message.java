package io.couriermq.store;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;

/**
 * A message handed to the store for appending. The store assigns its queue offset, physical offset and store
 * timestamp; everything else is kept as given. Limits are checked by the store, which answers violations with a
 * {@link StoreException} carrying the matching {@link StoreErrorCode}.
 *
 * @param topic         topic name
 * @param queueId       queue within the topic
 * @param flags         bits the caller defines (message type and the like); the store only keeps them
 * @param properties    string properties; see {@link MessageProperties} for the ones the store reads. Not
 *                      copied: the store encodes them during {@code append}, so the caller must not change the
 *                      map while that call runs
 * @param body          payload
 * @param bornTimestamp when the producer created the message, in epoch milliseconds
 * @param bornHost      the producer's address
 */
public record Message(
        String topic,
        int queueId,
        int flags,
        Map<String, String> properties,
        byte[] body,
        long bornTimestamp,
        InetSocketAddress bornHost) {

    private static final InetSocketAddress UNKNOWN_HOST = new InetSocketAddress(0);

    public Message {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(properties, "properties");
        bornHost = bornHost == null ? UNKNOWN_HOST : bornHost;
    }

    /** A message with no flags, born now on an unknown host. */
    public static Message of(String topic, int queueId, Map<String, String> properties, byte[] body) {
        return new Message(topic, queueId, 0, properties, body, System.currentTimeMillis(), UNKNOWN_HOST);
    }
}

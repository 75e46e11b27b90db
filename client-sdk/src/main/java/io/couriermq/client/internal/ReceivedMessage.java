package io.couriermq.client.internal;

import apache.rocketmq.v2.Encoding;
import apache.rocketmq.v2.Message;
import apache.rocketmq.v2.SystemProperties;
import com.google.protobuf.util.Timestamps;
import io.couriermq.client.MessageView;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * A message as received from a broker: the {@link MessageView} users see, plus what the client needs to settle it
 * (the broker endpoint and the current receipt handle, which ChangeInvisibleDuration replaces). Pulled messages
 * have no receipt handle.
 *
 * <p>The receipt handle and the delivery attempt (which a FIFO push consumer counts up on local retries) may be
 * changed by another thread than the one reading them, so both are volatile.
 */
public final class ReceivedMessage implements MessageView {

    private final Message message;
    private final byte[] body;
    private final boolean corrupted;
    private final Endpoint endpoint;
    private volatile String receiptHandle;
    private volatile int deliveryAttempt;

    private ReceivedMessage(Message message, byte[] body, boolean corrupted, Endpoint endpoint) {
        this.message = message;
        this.body = body;
        this.corrupted = corrupted;
        this.endpoint = endpoint;
        SystemProperties system = message.getSystemProperties();
        this.receiptHandle = system.hasReceiptHandle() ? system.getReceiptHandle() : null;
        this.deliveryAttempt = system.hasDeliveryAttempt() ? system.getDeliveryAttempt() : 1;
    }

    /** Decodes a message from {@code endpoint}: checks its digest, then decompresses its body if needed. */
    public static ReceivedMessage decode(Message message, Endpoint endpoint) {
        SystemProperties system = message.getSystemProperties();
        byte[] wire = message.getBody().toByteArray();
        boolean intact = !system.hasBodyDigest() || BodyDigests.matches(system.getBodyDigest(), wire);
        if (system.getBodyEncoding() != Encoding.GZIP) {
            return new ReceivedMessage(message, wire, !intact, endpoint);
        }
        try {
            return new ReceivedMessage(message, gunzip(wire), !intact, endpoint);
        } catch (IOException notGzip) {
            return new ReceivedMessage(message, wire, true, endpoint);
        }
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The handle of the current delivery; null for pulled messages. */
    public String receiptHandle() {
        return receiptHandle;
    }

    void receiptHandle(String newHandle) {
        this.receiptHandle = newHandle;
    }

    /** Counts a local redelivery (FIFO push consumers retry in place rather than through the broker). */
    void countLocalAttempt() {
        deliveryAttempt++;
    }

    @Override
    public String messageId() {
        return message.getSystemProperties().getMessageId();
    }

    @Override
    public String topic() {
        return message.getTopic().getName();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public Optional<String> tag() {
        SystemProperties system = message.getSystemProperties();
        return system.hasTag() ? Optional.of(system.getTag()) : Optional.empty();
    }

    @Override
    public List<String> keys() {
        return message.getSystemProperties().getKeysList();
    }

    @Override
    public Map<String, String> properties() {
        return message.getUserPropertiesMap();
    }

    @Override
    public Optional<String> messageGroup() {
        SystemProperties system = message.getSystemProperties();
        return system.hasMessageGroup() ? Optional.of(system.getMessageGroup()) : Optional.empty();
    }

    @Override
    public Optional<Instant> deliveryTimestamp() {
        SystemProperties system = message.getSystemProperties();
        return system.hasDeliveryTimestamp()
                ? Optional.of(Instant.ofEpochMilli(Timestamps.toMillis(system.getDeliveryTimestamp())))
                : Optional.empty();
    }

    @Override
    public int queueId() {
        return message.getSystemProperties().getQueueId();
    }

    @Override
    public long queueOffset() {
        return message.getSystemProperties().getQueueOffset();
    }

    @Override
    public int deliveryAttempt() {
        return deliveryAttempt;
    }

    @Override
    public Instant bornTimestamp() {
        return Instant.ofEpochMilli(Timestamps.toMillis(message.getSystemProperties().getBornTimestamp()));
    }

    @Override
    public String bornHost() {
        return message.getSystemProperties().getBornHost();
    }

    @Override
    public Optional<Instant> storeTimestamp() {
        SystemProperties system = message.getSystemProperties();
        return system.hasStoreTimestamp()
                ? Optional.of(Instant.ofEpochMilli(Timestamps.toMillis(system.getStoreTimestamp())))
                : Optional.empty();
    }

    @Override
    public boolean corrupted() {
        return corrupted;
    }

    @Override
    public String toString() {
        return "MessageView{id=" + messageId() + ", topic=" + topic() + ", queue=" + queueId() + "@" + queueOffset()
                + ", attempt=" + deliveryAttempt + (corrupted ? ", corrupted" : "") + "}";
    }
}

package io.couriermq.broker.core.produce;

import io.couriermq.store.Message;
import io.couriermq.store.StoredMessage;

import java.util.HashMap;
import java.util.Map;

/**
 * A message parked in a system topic until the broker releases it: delay messages wait in the timer topic, half
 * messages of transactions in the half topic. Parking keeps the message durable and replicated like any other;
 * the topic and queue it is meant for travel as two properties, under RocketMQ's names, and everything else
 * (id, keys, tag, body, born time and host) is kept as sent, so the released copy is the message the producer
 * sent.
 */
public final class Envelope {

    public static final String REAL_TOPIC = "REAL_TOPIC";
    public static final String REAL_QUEUE_ID = "REAL_QID";
    /** Parked messages share one queue of their system topic: order there is arrival order. */
    public static final int PARKING_QUEUE = 0;

    private Envelope() {
    }

    /** The message to append to {@code systemTopic} in place of {@code real}. */
    public static Message park(Message real, String systemTopic) {
        Map<String, String> properties = new HashMap<>(real.properties());
        properties.put(REAL_TOPIC, real.topic());
        properties.put(REAL_QUEUE_ID, Integer.toString(real.queueId()));
        return new Message(systemTopic, PARKING_QUEUE, real.flags(), properties, real.body(), real.bornTimestamp(),
                real.bornHost());
    }

    /** The same parked message again, appended anew (a timer message moved forward before retention takes it). */
    public static Message repark(StoredMessage parked) {
        return new Message(parked.topic(), PARKING_QUEUE, parked.flags(), parked.properties(), parked.body(),
                parked.bornTimestamp(), parked.bornHost());
    }

    /** The message to append to its real topic when it is released. */
    public static Message release(StoredMessage parked) {
        return new Message(realTopic(parked), realQueueId(parked), parked.flags(), withoutEnvelope(parked),
                parked.body(), parked.bornTimestamp(), parked.bornHost());
    }

    /** The parked message as its producer sent it, for showing to clients (a transaction check). */
    public static StoredMessage original(StoredMessage parked) {
        return new StoredMessage(parked.physicalOffset(), parked.recordSize(), realTopic(parked),
                realQueueId(parked), parked.queueOffset(), parked.flags(), parked.bornTimestamp(),
                parked.storeTimestamp(), parked.bornHost(), parked.storeHost(), withoutEnvelope(parked),
                parked.body());
    }

    /** True if the message was parked by {@link #park} in that system topic. */
    public static boolean isParkedIn(StoredMessage message, String systemTopic) {
        return message.topic().equals(systemTopic) && message.properties().containsKey(REAL_TOPIC)
                && message.properties().containsKey(REAL_QUEUE_ID);
    }

    public static String realTopic(StoredMessage parked) {
        return parked.properties().get(REAL_TOPIC);
    }

    private static int realQueueId(StoredMessage parked) {
        try {
            return Integer.parseInt(parked.properties().get(REAL_QUEUE_ID));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parked message at " + parked.physicalOffset() + " has queue id '"
                    + parked.properties().get(REAL_QUEUE_ID) + "'", e);
        }
    }

    private static Map<String, String> withoutEnvelope(StoredMessage parked) {
        Map<String, String> properties = new HashMap<>(parked.properties());
        properties.remove(REAL_TOPIC);
        properties.remove(REAL_QUEUE_ID);
        return properties;
    }
}

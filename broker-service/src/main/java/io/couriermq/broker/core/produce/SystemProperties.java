package io.couriermq.broker.core.produce;

import io.couriermq.broker.core.consume.ConsumptionService;
import io.couriermq.store.MessageProperties;

import java.util.Set;

/**
 * Property names the broker keeps system fields under, beside a message's user properties. User properties may
 * not use them (RocketMQ reserves its system keys the same way). Where RocketMQ has a name for the same field,
 * we use it, so that tools reading raw properties find what they expect.
 */
public final class SystemProperties {

    public static final String TAG = MessageProperties.TAGS;
    public static final String KEYS = MessageProperties.KEYS;
    public static final String MESSAGE_ID = MessageProperties.MESSAGE_ID;
    public static final String MESSAGE_TYPE = "MSG_TYPE";
    public static final String MESSAGE_GROUP = "__SHARDINGKEY";
    public static final String DELIVERY_TIMESTAMP = "TIMER_DELIVER_MS";
    public static final String BORN_HOST_NAME = "BORN_HOST_NAME";
    public static final String BODY_ENCODING = "BODY_ENCODING";
    public static final String TRACE_CONTEXT = "TRACE_CONTEXT";

    private static final Set<String> RESERVED = Set.of(TAG, KEYS, MESSAGE_ID, MESSAGE_TYPE, MESSAGE_GROUP,
            DELIVERY_TIMESTAMP, BORN_HOST_NAME, BODY_ENCODING, TRACE_CONTEXT, ConsumptionService.ORIGIN_TOPIC,
            ConsumptionService.ORIGIN_MESSAGE_ID, ConsumptionService.DELIVERY_ATTEMPTS, Envelope.REAL_TOPIC,
            Envelope.REAL_QUEUE_ID);

    private SystemProperties() {
    }

    public static boolean isReserved(String key) {
        return RESERVED.contains(key);
    }

    /** User properties as stored: everything not reserved. */
    public static boolean isUserProperty(String key) {
        return !RESERVED.contains(key);
    }
}

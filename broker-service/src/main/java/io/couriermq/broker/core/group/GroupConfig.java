package io.couriermq.broker.core.group;

/**
 * A consumer group's settings.
 *
 * @param maxDeliveryAttempts deliveries of one message before it goes to the group's dead-letter topic
 *                            (RocketMQ's retryMaxTimes + 1; default 17)
 * @param fifo                whether the group consumes FIFO topics in order (RocketMQ's consumeMessageOrderly)
 * @param consumeEnable       whether the group may consume at all
 */
public record GroupConfig(String name, int maxDeliveryAttempts, boolean fifo, boolean consumeEnable) {

    public static final int DEFAULT_MAX_DELIVERY_ATTEMPTS = 17;

    public GroupConfig {
        if (maxDeliveryAttempts < 1 || maxDeliveryAttempts > 1000) {
            throw new IllegalArgumentException("maxDeliveryAttempts must be in [1, 1000], was " + maxDeliveryAttempts);
        }
    }

    public static GroupConfig defaults(String name) {
        return new GroupConfig(name, DEFAULT_MAX_DELIVERY_ATTEMPTS, false, true);
    }
}

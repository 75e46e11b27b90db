package io.couriermq.namesrv.route;

import io.couriermq.server.route.RouteMessageType;

import java.util.Objects;

/**
 * One topic as a broker reported serving it.
 *
 * @param perm RocketMQ permission bits of the topic ({@link io.couriermq.server.route.PermBits})
 */
public record RegisteredTopic(String name, int readQueueNums, int writeQueueNums, int perm,
                              RouteMessageType messageType) {

    public RegisteredTopic {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        Objects.requireNonNull(messageType, "messageType");
        if (readQueueNums < 0 || writeQueueNums < 0) {
            throw new IllegalArgumentException("topic " + name + ": queue counts must not be negative, were read="
                    + readQueueNums + " write=" + writeQueueNums);
        }
    }
}

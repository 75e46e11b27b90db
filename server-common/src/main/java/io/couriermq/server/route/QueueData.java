package io.couriermq.server.route;

import java.util.Objects;

/**
 * The queues one broker group offers for a topic, as its master configured them.
 *
 * @param perm the topic's own permission bits ({@link PermBits}); the broker's permission further restricts them
 */
public record QueueData(String brokerName, int readQueueNums, int writeQueueNums, int perm,
                        RouteMessageType messageType) {

    public QueueData {
        Objects.requireNonNull(brokerName, "brokerName");
        Objects.requireNonNull(messageType, "messageType");
    }
}

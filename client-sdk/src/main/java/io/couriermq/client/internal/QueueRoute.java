package io.couriermq.client.internal;

import apache.rocketmq.v2.MessageQueue;
import apache.rocketmq.v2.Permission;

/**
 * One queue of a route: the v2 {@link MessageQueue} as the server described it (sent back verbatim in requests
 * about the queue) and the endpoint of its broker.
 */
public record QueueRoute(MessageQueue queue, Endpoint endpoint) {

    static QueueRoute of(MessageQueue queue) {
        return new QueueRoute(queue, Endpoint.fromProto(queue.getBroker().getEndpoints()));
    }

    public String topic() {
        return queue.getTopic().getName();
    }

    public String brokerName() {
        return queue.getBroker().getName();
    }

    public int queueId() {
        return queue.getId();
    }

    /** Only masters (broker id 0) are sent to or received from; slaves serve reads through their master. */
    public boolean master() {
        return queue.getBroker().getId() == 0;
    }

    public boolean readable() {
        return queue.getPermission() == Permission.READ || queue.getPermission() == Permission.READ_WRITE;
    }

    public boolean writable() {
        return queue.getPermission() == Permission.WRITE || queue.getPermission() == Permission.READ_WRITE;
    }

    @Override
    public String toString() {
        return topic() + "@" + brokerName() + "/" + queueId() + "(" + endpoint + ")";
    }
}

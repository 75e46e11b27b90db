package io.couriermq.client;

/**
 * One queue of a topic on one broker, as a {@link PullConsumer} addresses it.
 *
 * @param brokerName the broker group that holds the queue; requests go to its master
 */
public record MessageQueueRef(String topic, String brokerName, int queueId) {

    @Override
    public String toString() {
        return topic + "@" + brokerName + "/" + queueId;
    }
}

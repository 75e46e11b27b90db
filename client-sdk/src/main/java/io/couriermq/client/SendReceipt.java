package io.couriermq.client;

/**
 * Where a sent message was stored.
 *
 * @param messageId   the id the producer generated for the message, as the broker echoed it
 * @param brokerName  the broker that stored it
 * @param queueId     the queue it was sent to
 * @param queueOffset its offset in that queue
 */
public record SendReceipt(String messageId, String topic, String brokerName, int queueId, long queueOffset) {
}

package io.couriermq.broker.core.produce;

/**
 * Where a sent message was stored.
 *
 * @param transactionId for a transactional message, the id that ends its transaction; null otherwise
 */
public record SendResult(String messageId, int queueId, long queueOffset, long physicalOffset,
                         String transactionId) {
}

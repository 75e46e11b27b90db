package io.couriermq.broker.core.produce;

/** Where a sent message was stored. */
public record SendResult(String messageId, int queueId, long queueOffset, long physicalOffset) {
}

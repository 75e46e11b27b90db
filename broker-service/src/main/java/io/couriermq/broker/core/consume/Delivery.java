package io.couriermq.broker.core.consume;

import io.couriermq.store.StoredMessage;

/**
 * One message handed to a consumer.
 *
 * @param attempt        which delivery of the message this is, from 1
 * @param invisibleUntil epoch milliseconds until which no one else gets the message
 */
public record Delivery(StoredMessage message, int attempt, ReceiptHandle handle, long invisibleUntil) {
}

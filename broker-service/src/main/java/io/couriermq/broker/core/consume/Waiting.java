package io.couriermq.broker.core.consume;

/**
 * A fetched message that is not out with a consumer and not done: its delivery expired, or (in message-group
 * order) it was held back behind an earlier message of its group.
 *
 * @param messageGroup the message's group, or null
 * @param attempts     deliveries so far (0: held back before its first)
 * @param lastNonce    the nonce of its last delivery, whose late ack is still accepted; 0 if never delivered
 */
record Waiting(String messageGroup, int attempts, long lastNonce) {
}

package io.couriermq.broker.core.consume;

import io.couriermq.store.TagFilter;

/**
 * What a receive asks of one queue.
 *
 * @param maxMessages      most messages to hand out
 * @param invisibleMillis  how long they stay invisible to others
 * @param autoRenew        whether the broker keeps them invisible while the client lives (push consumers)
 * @param maxAttempts      deliveries before a message goes to the dead-letter topic
 * @param byMessageGroup   the group consumes in FIFO order: a message group's messages one after the other
 */
record ClaimRequest(int maxMessages, TagFilter filter, long invisibleMillis, boolean autoRenew, String clientId,
                    int maxAttempts, boolean byMessageGroup) {
}

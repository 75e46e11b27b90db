package io.couriermq.broker.core.consume;

import io.couriermq.store.TagFilter;

import java.time.Duration;

/**
 * A consumer's request for messages.
 *
 * @param queueId        the queue asked for, or -1 for any queue of the topic on this broker; a non-FIFO
 *                       receive that finds its queue empty is served from the topic's other queues
 * @param invisible      how long delivered messages stay invisible; for auto-renewed receives, the renewal step
 * @param autoRenew      keep the messages invisible while the client lives (push consumers)
 * @param longPollTimeout how long to wait for messages when there are none; zero answers at once
 * @param attemptId       the client's id for this receive, repeated when it retries one that timed out; or null
 */
public record ReceiveRequest(String group, String topic, int queueId, int maxMessages, TagFilter filter,
                             Duration invisible, boolean autoRenew, Duration longPollTimeout, String clientId,
                             String attemptId) {
}

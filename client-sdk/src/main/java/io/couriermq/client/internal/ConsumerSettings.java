package io.couriermq.client.internal;

import apache.rocketmq.v2.Settings;
import apache.rocketmq.v2.Subscription;
import com.google.protobuf.util.Durations;

import java.time.Duration;

/**
 * What a broker tells a push consumer about its group: whether it consumes in order (FIFO), how many messages to
 * ask for per receive, how long to long-poll, and the retry policy (attempts before the dead-letter queue and the
 * wait before each redelivery).
 */
record ConsumerSettings(boolean fifo, int receiveBatchSize, Duration longPollingTimeout, RetryBackoff backoff) {

    /** Reads the broker's answer; refuses one that lacks a value a push consumer cannot work without. */
    static ConsumerSettings from(Settings server) {
        if (!server.hasSubscription()) {
            throw new IllegalArgumentException("the broker answered a consumer without subscription settings");
        }
        Subscription subscription = server.getSubscription();
        if (subscription.getReceiveBatchSize() <= 0) {
            throw new IllegalArgumentException("the broker's settings carry no receive_batch_size");
        }
        if (!subscription.hasLongPollingTimeout() || Durations.toMillis(subscription.getLongPollingTimeout()) <= 0) {
            throw new IllegalArgumentException("the broker's settings carry no long_polling_timeout");
        }
        if (!server.hasBackoffPolicy() || server.getBackoffPolicy().getMaxAttempts() < 1) {
            throw new IllegalArgumentException("the broker's settings carry no retry policy");
        }
        return new ConsumerSettings(subscription.getFifo(), subscription.getReceiveBatchSize(),
                Duration.ofMillis(Durations.toMillis(subscription.getLongPollingTimeout())),
                RetryBackoff.from(server.getBackoffPolicy()));
    }
}

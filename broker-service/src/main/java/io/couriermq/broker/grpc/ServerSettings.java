package io.couriermq.broker.grpc;

import apache.rocketmq.v2.ClientType;
import apache.rocketmq.v2.CustomizedBackoff;
import apache.rocketmq.v2.ExponentialBackoff;
import apache.rocketmq.v2.Metric;
import apache.rocketmq.v2.Publishing;
import apache.rocketmq.v2.RetryPolicy;
import apache.rocketmq.v2.Settings;
import apache.rocketmq.v2.Subscription;
import com.google.protobuf.Duration;
import com.google.protobuf.util.Durations;
import io.couriermq.broker.core.group.GroupConfig;

import java.util.List;

/**
 * The settings a broker sends back on a client's Telemetry stream. The official clients refuse to start without
 * some of these (a producer needs an exponential backoff and a maximum body size, a push consumer a batch size,
 * a long-polling timeout and a retry policy), so each client type gets a complete set.
 */
final class ServerSettings {

    /** RocketMQ's retry schedule for consumers (its delay levels 3 and up): 1s 5s 10s 30s 1m ... 2h. */
    static final List<Duration> CONSUMER_BACKOFF = List.of(seconds(1), seconds(5), seconds(10), seconds(30),
            minutes(1), minutes(2), minutes(3), minutes(4), minutes(5), minutes(6), minutes(7), minutes(8),
            minutes(9), minutes(10), minutes(20), minutes(30), minutes(60), minutes(120));
    /**
     * Messages a push consumer asks for per ReceiveMessage (it asks for fewer when its cache is nearly full). Apache
     * hands out 32; the official client receives one batch at a time per broker, so with 32 its consumption was
     * bound by receive round trips (about 6k msgs/s here against 10-11k with 128, sending unchanged).
     */
    static final int RECEIVE_BATCH_SIZE = 128;
    static final java.time.Duration LONG_POLLING_TIMEOUT = java.time.Duration.ofSeconds(20);
    private static final int PRODUCER_MAX_ATTEMPTS = 3;

    private final int maxBodyBytes;

    ServerSettings(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** What to answer a producer's settings with. */
    Settings forProducer(Settings client) {
        return Settings.newBuilder(client)
                .setBackoffPolicy(RetryPolicy.newBuilder()
                        .setMaxAttempts(client.hasBackoffPolicy() ? client.getBackoffPolicy().getMaxAttempts()
                                : PRODUCER_MAX_ATTEMPTS)
                        .setExponentialBackoff(ExponentialBackoff.newBuilder()
                                .setInitial(Durations.fromMillis(10))
                                .setMax(Durations.fromSeconds(1))
                                .setMultiplier(2)))
                .setPublishing(Publishing.newBuilder(client.getPublishing())
                        .setMaxBodySize(maxBodyBytes)
                        .setValidateMessageType(true))
                .setMetric(Metric.newBuilder().setOn(false))
                .build();
    }

    /** What to answer a consumer's settings with, given its group's configuration. */
    Settings forConsumer(Settings client, GroupConfig group) {
        Subscription.Builder subscription = Subscription.newBuilder(client.getSubscription())
                .setFifo(group.fifo())
                .setReceiveBatchSize(RECEIVE_BATCH_SIZE)
                .setLongPollingTimeout(Durations.fromMillis(LONG_POLLING_TIMEOUT.toMillis()));
        return Settings.newBuilder(client)
                .setBackoffPolicy(RetryPolicy.newBuilder()
                        .setMaxAttempts(group.maxDeliveryAttempts())
                        .setCustomizedBackoff(CustomizedBackoff.newBuilder().addAllNext(CONSUMER_BACKOFF)))
                .setSubscription(subscription)
                .setMetric(Metric.newBuilder().setOn(false))
                .build();
    }

    static boolean isConsumer(ClientType type) {
        return type == ClientType.PUSH_CONSUMER || type == ClientType.SIMPLE_CONSUMER
                || type == ClientType.PULL_CONSUMER;
    }

    private static Duration seconds(long seconds) {
        return Durations.fromSeconds(seconds);
    }

    private static Duration minutes(long minutes) {
        return Durations.fromSeconds(minutes * 60);
    }
}

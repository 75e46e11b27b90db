package io.couriermq.client;

import io.couriermq.client.internal.PushConsumerImpl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Receives messages continuously and hands each to a {@link MessageListener} on a pool of consumption threads:
 * a message is acknowledged when the listener returns {@link ConsumeResult#SUCCESS}, and redelivered after the
 * group's backoff when it returns {@link ConsumeResult#FAILURE} or throws. Messages of a FIFO group (as the broker
 * configures it) are consumed one at a time in queue order; one that keeps failing is retried in place and finally
 * moved to the group's dead-letter queue, so later messages are not held up forever.
 *
 * <p>Which queues to receive from is asked of the brokers every 5 seconds. At most a bounded number of received
 * messages wait for consumption; the consumer stops receiving while that many are cached.
 */
public interface PushConsumer extends AutoCloseable {

    static Builder builder(ClientConfig config) {
        return new Builder(config);
    }

    /**
     * Stops receiving, lets the listener finish the messages it has (briefly), settles them, tells the brokers the
     * consumer is gone and releases its threads. Messages received but not consumed come back to the group later.
     */
    @Override
    void close();

    /** Configures and starts a push consumer; group, at least one subscription and the listener are required. */
    final class Builder {
        private final ClientConfig config;
        private String group;
        private final Map<String, String> subscriptions = new LinkedHashMap<>();
        private MessageListener listener;
        private int consumptionThreads = 20;
        private int maxCachedMessages = 1024;

        private Builder(ClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        /** Subscribes to {@code topic}, filtered by a tag expression: {@code "*"} or {@code "TagA || TagB"}. */
        public Builder subscribe(String topic, String tagExpression) {
            subscriptions.put(Objects.requireNonNull(topic, "topic"), Objects.requireNonNull(tagExpression, "tag"));
            return this;
        }

        public Builder listener(MessageListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Threads running the listener; default 20. */
        public Builder consumptionThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("consumptionThreads must be at least 1, was " + threads);
            }
            this.consumptionThreads = threads;
            return this;
        }

        /** Received messages that may wait for consumption before receiving pauses; default 1024. */
        public Builder maxCachedMessages(int messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("maxCachedMessages must be at least 1, was " + messages);
            }
            this.maxCachedMessages = messages;
            return this;
        }

        /** @throws ClientException if a topic cannot be routed or a broker does not answer in time */
        public PushConsumer build() {
            if (group == null || group.isBlank()) {
                throw new IllegalArgumentException("a consumer group is required");
            }
            if (subscriptions.isEmpty()) {
                throw new IllegalArgumentException("subscribe to at least one topic");
            }
            if (listener == null) {
                throw new IllegalArgumentException("a message listener is required");
            }
            return PushConsumerImpl.start(config, group, subscriptions, listener, consumptionThreads,
                    maxCachedMessages);
        }
    }
}

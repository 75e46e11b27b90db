package io.couriermq.client;

import io.couriermq.client.internal.SimpleConsumerImpl;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Receives messages when asked and leaves their handling to the caller: a received message stays invisible to the
 * group for the requested time, and comes back (with its delivery attempt counted up) unless it is acknowledged
 * before then. Thread-safe.
 */
public interface SimpleConsumer extends AutoCloseable {

    static Builder builder(ClientConfig config) {
        return new Builder(config);
    }

    /**
     * Receives up to {@code maxMessages} from the next queue of the subscribed topics (taking turns), waiting up to
     * the await duration for messages to arrive. An empty list means none arrived.
     *
     * @param invisibleDuration how long the messages stay invisible to the group (the broker allows 1 s to 12 h)
     */
    List<MessageView> receive(int maxMessages, Duration invisibleDuration);

    CompletableFuture<List<MessageView>> receiveAsync(int maxMessages, Duration invisibleDuration);

    /** Acknowledges a message: it is consumed and will not come back. */
    void ack(MessageView message);

    CompletableFuture<Void> ackAsync(MessageView message);

    /** Makes a received message invisible for {@code invisibleDuration} from now, to keep it longer or return it. */
    void changeInvisibleDuration(MessageView message, Duration invisibleDuration);

    CompletableFuture<Void> changeInvisibleDurationAsync(MessageView message, Duration invisibleDuration);

    @Override
    void close();

    /** Configures and starts a simple consumer; a group and at least one subscription are required. */
    final class Builder {
        private final ClientConfig config;
        private String group;
        private final Map<String, String> subscriptions = new LinkedHashMap<>();
        private Duration awaitDuration = Duration.ofSeconds(20);

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

        /** How long a receive waits for messages to arrive (long polling); default 20 s, the broker's maximum. */
        public Builder awaitDuration(Duration awaitDuration) {
            if (awaitDuration.isNegative()) {
                throw new IllegalArgumentException("awaitDuration must not be negative, was " + awaitDuration);
            }
            this.awaitDuration = awaitDuration;
            return this;
        }

        /** @throws ClientException if a topic cannot be routed or a broker does not answer in time */
        public SimpleConsumer build() {
            if (group == null || group.isBlank()) {
                throw new IllegalArgumentException("a consumer group is required");
            }
            if (subscriptions.isEmpty()) {
                throw new IllegalArgumentException("subscribe to at least one topic");
            }
            return SimpleConsumerImpl.start(config, group, subscriptions, awaitDuration);
        }
    }
}

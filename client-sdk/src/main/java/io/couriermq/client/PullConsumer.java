package io.couriermq.client;

import io.couriermq.client.internal.PullConsumerImpl;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Reads queues by offset, with offsets kept by the consumer: nothing becomes invisible and nothing is
 * acknowledged; the group's progress is whatever the consumer {@link #commit commits}.
 *
 * <p>Two ways to read: {@link #pull} reads one queue from a given offset; {@link #poll} reads all
 * {@link #assign assigned} queues from tracked positions, which start at the group's committed offsets and can be
 * moved with the {@code seek} methods. {@code poll}, {@code assign} and the {@code seek} methods belong to one
 * thread (as a Kafka consumer's do); the other methods may be called from any.
 */
public interface PullConsumer extends AutoCloseable {

    static Builder builder(ClientConfig config) {
        return new Builder(config);
    }

    /** The readable queues of a topic, from its route. */
    List<MessageQueueRef> queues(String topic);

    /** Sets the queues {@link #poll} reads; positions of queues that stay assigned are kept. */
    void assign(Collection<MessageQueueRef> queues);

    Set<MessageQueueRef> assignment();

    /**
     * Reads up to {@code maxMessages} from {@code offset}, waiting up to {@code longPoll} for messages if there
     * are none yet.
     *
     * @throws ClientException with code ILLEGAL_OFFSET if the offset is outside the queue (the message says where
     *                         the queue continues)
     */
    PullResult pull(MessageQueueRef queue, long offset, int maxMessages, Duration longPoll);

    CompletableFuture<PullResult> pullAsync(MessageQueueRef queue, long offset, int maxMessages, Duration longPoll);

    /**
     * Messages from the assigned queues after their positions, waiting up to {@code timeout} for some; advances
     * the positions past what it returns. Reads run in the background between polls. An offset that fell out of a
     * queue (retention) moves the position to where the queue continues.
     */
    List<MessageView> poll(Duration timeout);

    /** The offset the next {@link #poll} continues the queue from. */
    long position(MessageQueueRef queue);

    void seek(MessageQueueRef queue, long offset);

    void seekToBeginning(MessageQueueRef queue);

    void seekToEnd(MessageQueueRef queue);

    /** Moves to the first message stored at or after {@code timestamp}. */
    void seekToTimestamp(MessageQueueRef queue, Instant timestamp);

    /** Records the group's progress on the queue: messages below {@code offset} are consumed. */
    void commit(MessageQueueRef queue, long offset);

    /** The group's committed offset of the queue. */
    long committed(MessageQueueRef queue);

    @Override
    void close();

    /** Configures and starts a pull consumer; the group is required. */
    final class Builder {
        private final ClientConfig config;
        private String group;

        private Builder(ClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public PullConsumer build() {
            if (group == null || group.isBlank()) {
                throw new IllegalArgumentException("a consumer group is required");
            }
            return PullConsumerImpl.start(config, group);
        }
    }
}

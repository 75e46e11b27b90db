package io.couriermq.client;

import io.couriermq.client.internal.ProducerImpl;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages. Thread-safe; one producer serves any number of threads and topics.
 *
 * <p>A failed send is retried, up to the configured attempts in all, on another queue (preferably on another
 * broker); FIFO messages stay on their group's queue. Failures the broker will not change its mind about (an
 * illegal topic, a body too large) are not retried. A retry may store a message twice if the first attempt was
 * stored but its answer lost; the message id stays the same, so consumers can tell.
 *
 * <p>The futures of the async methods complete on the client's callback threads. What is chained on them may call
 * the client's blocking methods or wait for its other futures, but should not wait long on anything else: that
 * holds up the completion of other calls.
 */
public interface Producer extends AutoCloseable {

    static Builder builder(ClientConfig config) {
        return new Builder(config);
    }

    SendReceipt send(Message message);

    CompletableFuture<SendReceipt> sendAsync(Message message);

    /**
     * Sends several messages in one request to one queue, which is much cheaper per message than one request
     * each. All must have the same topic, and the same message group or none. The receipts are in message order.
     */
    List<SendReceipt> sendBatch(List<Message> messages);

    CompletableFuture<List<SendReceipt>> sendBatchAsync(List<Message> messages);

    /**
     * Starts a transaction for one message.
     *
     * @throws IllegalStateException if the producer was built without a {@link TransactionChecker}, which the
     *                               broker needs to ask should the producer never end the transaction
     */
    Transaction beginTransaction();

    /** Tells the brokers the producer is gone and releases its connections and threads. Idempotent. */
    @Override
    void close();

    /** Configures and starts a producer. */
    final class Builder {
        private final ClientConfig config;
        private final Set<String> topics = new LinkedHashSet<>();
        private int maxAttempts = 3;
        private TransactionChecker transactionChecker;

        private Builder(ClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * Topics to prepare at start (route and broker sessions), so the first send need not wait and a topic that
         * cannot be used fails the start. Other topics can be sent to as well.
         */
        public Builder topics(String... topics) {
            this.topics.addAll(Arrays.asList(topics));
            return this;
        }

        /** Attempts per send, the first included; default 3. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Enables transactions: the checker answers brokers asking about transactions left open. */
        public Builder transactionChecker(TransactionChecker checker) {
            this.transactionChecker = Objects.requireNonNull(checker, "checker");
            return this;
        }

        /**
         * Starts the producer: routes of the declared topics, and the settings exchange with their brokers.
         *
         * @throws ClientException if a topic cannot be routed or a broker does not answer in time
         */
        public Producer build() {
            return ProducerImpl.start(config, List.copyOf(topics), maxAttempts, transactionChecker);
        }
    }
}

package io.couriermq.client.internal;

import apache.rocketmq.v2.Code;
import io.couriermq.client.ClientConfig;
import io.couriermq.client.ClientException;
import io.couriermq.client.Message;
import io.couriermq.client.Producer;
import io.couriermq.client.SendReceipt;
import io.couriermq.client.Transaction;
import io.couriermq.client.TransactionChecker;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Producer}: checks what it is asked to send, gives every message its id, picks the queues and runs
 * the send. Thread-safe.
 */
public final class ProducerImpl implements Producer {

    private final ClientRuntime runtime;
    private final PublishingRole role;
    private final int maxAttempts;
    private final QueueSelector selector = new QueueSelector();
    private final MessageIdGenerator ids = MessageIdGenerator.forThisProcess();

    private ProducerImpl(ClientRuntime runtime, PublishingRole role, int maxAttempts) {
        this.runtime = runtime;
        this.role = role;
        this.maxAttempts = maxAttempts;
    }

    /** @param checker answers brokers' questions about open transactions; null if the producer sends none */
    public static Producer start(ClientConfig config, List<String> topics, int maxAttempts,
                                 TransactionChecker checker) {
        PublishingRole role = new PublishingRole(config.namespace(), maxAttempts, checker);
        topics.forEach(role::addTopic);
        return new ProducerImpl(ClientRuntime.start(config, role, topics), role, maxAttempts);
    }

    @Override
    public SendReceipt send(Message message) {
        return Futures.await(sendAsync(message));
    }

    @Override
    public CompletableFuture<SendReceipt> sendAsync(Message message) {
        return sendBatchAsync(List.of(message)).thenApply(receipts -> receipts.get(0));
    }

    @Override
    public List<SendReceipt> sendBatch(List<Message> messages) {
        return Futures.await(sendBatchAsync(messages));
    }

    @Override
    public CompletableFuture<List<SendReceipt>> sendBatchAsync(List<Message> messages) {
        return send(messages, maxAttempts, false)
                .thenApply(sent -> sent.stream().map(SendOperation.Sent::receipt).toList());
    }

    @Override
    public Transaction beginTransaction() {
        if (!role.transactional()) {
            throw new IllegalStateException("transactions need a TransactionChecker; set one on the builder");
        }
        return new TransactionImpl(message -> send(List.of(message), 1, true).thenApply(sent -> sent.get(0)),
                new EndTransactionCall(runtime));
    }

    /** Sends a batch in one request, with up to {@code attempts} attempts; transactional sends get one. */
    private CompletableFuture<List<SendOperation.Sent>> send(List<Message> messages, int attempts,
                                                             boolean transactional) {
        try {
            checkBatch(messages);
        } catch (ClientException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<Message> batch = List.copyOf(messages);
        List<String> messageIds = new ArrayList<>(batch.size());
        batch.forEach(message -> messageIds.add(ids.next()));
        String topic = batch.get(0).topic();
        String group = batch.get(0).messageGroup().orElse(null);
        return runtime.route(topic).thenCompose(route -> {
            if (role.addTopic(topic)) {
                runtime.announceSettings();
            }
            List<QueueRoute> plan = selector.plan(route, group, attempts, runtime.isolation()::isIsolated);
            return new SendOperation(runtime, role, batch, messageIds, transactional).run(plan);
        });
    }

    private void checkBatch(List<Message> messages) {
        if (runtime.isClosed()) {
            throw new ClientException(ClientException.NO_STATUS, "the producer is closed");
        }
        if (messages.isEmpty()) {
            throw new ClientException(Code.BAD_REQUEST_VALUE, "no messages to send");
        }
        Message first = messages.get(0);
        for (Message message : messages) {
            Objects.requireNonNull(message, "message");
            if (!message.topic().equals(first.topic())) {
                throw new ClientException(Code.BAD_REQUEST_VALUE, "a batch goes to one topic; it has "
                        + first.topic() + " and " + message.topic());
            }
            if (!message.messageGroup().equals(first.messageGroup())) {
                throw new ClientException(Code.BAD_REQUEST_VALUE,
                        "a batch goes to one queue, so its messages must share their message group (or have none)");
            }
            if (message.bodySize() > role.maxBodyBytes()) {
                throw new ClientException(Code.MESSAGE_BODY_TOO_LARGE_VALUE, "message body has "
                        + message.bodySize() + " bytes, more than the broker's limit of " + role.maxBodyBytes());
            }
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}

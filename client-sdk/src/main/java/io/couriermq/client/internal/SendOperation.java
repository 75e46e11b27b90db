package io.couriermq.client.internal;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.MessagingServiceGrpc.MessagingServiceStub;
import apache.rocketmq.v2.Resource;
import apache.rocketmq.v2.SendMessageRequest;
import apache.rocketmq.v2.SendMessageResponse;
import apache.rocketmq.v2.SendResultEntry;
import io.couriermq.client.ClientException;
import io.couriermq.client.Message;
import io.couriermq.client.SendReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One send of one or more messages (same topic) in a single SendMessage request, with its retries: each attempt
 * goes to the next queue of the selector's plan, at once, except after TOO_MANY_REQUESTS, when it waits the
 * broker's backoff. A broker that failed to answer (transport error, 5xx) is isolated so later sends avoid it.
 * Requests the broker refused for what they carry are not retried.
 *
 * <p>Never blocks: attempts chain on response callbacks and the client's scheduler.
 */
final class SendOperation {

    private static final Logger LOG = LoggerFactory.getLogger(SendOperation.class);

    private final ClientRuntime runtime;
    private final PublishingRole role;
    private final List<Message> messages;
    private final List<String> messageIds;
    private final boolean transactional;
    private final Resource topic;
    private final CompletableFuture<List<Sent>> result = new CompletableFuture<>();
    private List<QueueRoute> plan;

    /** Where one message went: its receipt, and for a transactional one what ends its transaction. */
    record Sent(SendReceipt receipt, String transactionId, Endpoint endpoint) {
    }

    /**
     * @param transactional whether the messages are the half messages of transactions, which the broker holds
     *                      until each transaction ends
     */
    SendOperation(ClientRuntime runtime, PublishingRole role, List<Message> messages, List<String> messageIds,
                  boolean transactional) {
        this.runtime = runtime;
        this.role = role;
        this.messages = messages;
        this.messageIds = messageIds;
        this.transactional = transactional;
        this.topic = runtime.resource(messages.get(0).topic());
    }

    /** Runs the attempts along {@code plan}; the future completes with one result per message, in order. */
    CompletableFuture<List<Sent>> run(List<QueueRoute> plan) {
        this.plan = plan;
        attempt(1);
        return result;
    }

    private void attempt(int attempt) {
        QueueRoute queue = plan.get(attempt - 1);
        SendMessageRequest request = request(queue.queueId());
        runtime.rpc().<SendMessageRequest, SendMessageResponse>unary(queue.endpoint(), request,
                        MessagingServiceStub::sendMessage)
                .thenApply(response -> receipts(queue, response))
                .whenComplete((receipts, failure) -> {
                    if (failure == null) {
                        result.complete(receipts);
                    } else {
                        onFailure(attempt, queue, Statuses.unwrap(failure));
                    }
                });
    }

    private SendMessageRequest request(int queueId) {
        long now = System.currentTimeMillis();
        SendMessageRequest.Builder request = SendMessageRequest.newBuilder();
        for (int i = 0; i < messages.size(); i++) {
            request.addMessages(MessageEncoder.encode(messages.get(i), messageIds.get(i), topic, queueId, now,
                    transactional));
        }
        return request.build();
    }

    private List<Sent> receipts(QueueRoute queue, SendMessageResponse response) {
        if (response.getEntriesCount() != messages.size()) {
            Statuses.check(response.getStatus());
            throw new ClientException(Code.INTERNAL_ERROR_VALUE, "the broker answered " + response.getEntriesCount()
                    + " results for " + messages.size() + " messages");
        }
        List<Sent> receipts = new ArrayList<>(messages.size());
        for (SendResultEntry entry : response.getEntriesList()) {
            Statuses.check(entry.getStatus());
            receipts.add(new Sent(new SendReceipt(entry.getMessageId(), queue.topic(), queue.brokerName(),
                    queue.queueId(), entry.getOffset()), entry.getTransactionId(), queue.endpoint()));
        }
        Statuses.check(response.getStatus());
        return receipts;
    }

    private void onFailure(int attempt, QueueRoute queue, ClientException failure) {
        if (brokerUnavailable(failure.code())) {
            runtime.isolation().isolate(queue.endpoint());
        }
        if (attempt >= plan.size() || !retryable(failure.code()) || runtime.isClosed()) {
            result.completeExceptionally(failure);
            return;
        }
        Duration wait = failure.code() == Code.TOO_MANY_REQUESTS_VALUE ? role.backoff().delay(attempt) : Duration.ZERO;
        LOG.debug("send attempt {} to {} failed ({}); retrying on {} after {}", attempt, queue, failure.getMessage(),
                plan.get(attempt), wait);
        if (wait.isZero()) {
            attempt(attempt + 1);
        } else if (!runtime.threads().schedule(wait, () -> attempt(attempt + 1))) {
            result.completeExceptionally(failure);
        }
    }

    /** The broker could not serve the request at all: unreachable, timed out or failing internally. */
    private static boolean brokerUnavailable(int code) {
        return code == ClientException.NO_STATUS || code >= Code.INTERNAL_ERROR_VALUE;
    }

    /** Whether another attempt (elsewhere, or later) may succeed where this one failed. */
    static boolean retryable(int code) {
        return brokerUnavailable(code) || code == Code.TOO_MANY_REQUESTS_VALUE || code == Code.FORBIDDEN_VALUE
                || code == Code.TOPIC_NOT_FOUND_VALUE;
    }
}

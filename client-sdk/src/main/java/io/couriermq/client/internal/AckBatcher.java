package io.couriermq.client.internal;

import apache.rocketmq.v2.AckMessageEntry;
import apache.rocketmq.v2.AckMessageRequest;
import apache.rocketmq.v2.AckMessageResponse;
import apache.rocketmq.v2.AckMessageResultEntry;
import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.MessagingServiceGrpc.MessagingServiceStub;
import io.couriermq.client.ClientException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Acknowledges messages of one consumer group, coalescing acknowledgements bound for the same broker and topic:
 * while one AckMessage request is on its way, those that follow queue up and leave together in the next request
 * once it is answered. An idle consumer's ack leaves at once; a busy one sends one request per round trip rather
 * than one per message, which is most of the cost of consuming small messages.
 *
 * <p>Thread-safe. Each ack completes with its own entry's result.
 */
final class AckBatcher {

    /** Entries per request at most, keeping each request small next to the broker's inbound limit. */
    static final int MAX_ENTRIES = 256;

    private record Lane(Endpoint endpoint, String topic) {
    }

    /** @param handle the receipt handle as it was when the ack was asked for */
    private record Pending(ReceivedMessage message, String handle, CompletableFuture<Void> acked) {
    }

    /** The acks waiting for one lane, and whether a request of the lane is on its way. */
    private static final class Queue {
        final List<Pending> waiting = new ArrayList<>();
        boolean sending;
    }

    private final ClientRuntime runtime;
    private final String group;
    private final Map<Lane, Queue> queues = new ConcurrentHashMap<>();

    AckBatcher(ClientRuntime runtime, String group) {
        this.runtime = runtime;
        this.group = group;
    }

    CompletableFuture<Void> ack(ReceivedMessage message) {
        Pending pending = new Pending(message, message.receiptHandle(), new CompletableFuture<>());
        Lane lane = new Lane(message.endpoint(), message.topic());
        Queue queue = queues.computeIfAbsent(lane, l -> new Queue());
        List<Pending> batch;
        synchronized (queue) {
            queue.waiting.add(pending);
            batch = queue.sending ? null : takeBatch(queue);
        }
        if (batch != null) {
            send(lane, queue, batch);
        }
        return pending.acked;
    }

    /** Takes the next batch off the queue and marks the lane as sending; null (and not sending) if none waits. */
    private static List<Pending> takeBatch(Queue queue) {
        if (queue.waiting.isEmpty()) {
            queue.sending = false;
            return null;
        }
        List<Pending> head = queue.waiting.subList(0, Math.min(MAX_ENTRIES, queue.waiting.size()));
        List<Pending> batch = new ArrayList<>(head);
        head.clear();
        queue.sending = true;
        return batch;
    }

    private void send(Lane lane, Queue queue, List<Pending> batch) {
        AckMessageRequest.Builder request = AckMessageRequest.newBuilder()
                .setGroup(runtime.resource(group))
                .setTopic(runtime.resource(lane.topic()));
        for (Pending pending : batch) {
            request.addEntries(AckMessageEntry.newBuilder().setMessageId(pending.message().messageId())
                    .setReceiptHandle(pending.handle()));
        }
        runtime.rpc().<AckMessageRequest, AckMessageResponse>unary(lane.endpoint(), request.build(),
                MessagingServiceStub::ackMessage).whenComplete((response, failure) -> {
                    try {
                        settle(batch, response, failure);
                    } finally {
                        List<Pending> next;
                        synchronized (queue) {
                            next = takeBatch(queue);
                        }
                        if (next != null) {
                            send(lane, queue, next);
                        }
                    }
                });
    }

    /** Completes each ack with the result of its entry; without one, with the request's outcome. */
    private static void settle(List<Pending> batch, AckMessageResponse response, Throwable failure) {
        if (failure != null) {
            ClientException error = Statuses.unwrap(failure);
            batch.forEach(pending -> pending.acked().completeExceptionally(error));
            return;
        }
        Map<String, AckMessageResultEntry> byHandle = new HashMap<>();
        for (AckMessageResultEntry entry : response.getEntriesList()) {
            byHandle.put(entry.getReceiptHandle(), entry);
        }
        for (Pending pending : batch) {
            AckMessageResultEntry entry = byHandle.get(pending.handle());
            try {
                if (entry != null) {
                    Statuses.check(entry.getStatus());
                } else if (response.getStatus().getCode() == Code.OK) {
                    throw new ClientException(Code.INTERNAL_ERROR_VALUE, "the broker " + pending.message().endpoint()
                            + " answered an acknowledgement without a result for " + pending.message().messageId());
                } else {
                    Statuses.check(response.getStatus());
                }
                pending.acked().complete(null);
            } catch (ClientException e) {
                pending.acked().completeExceptionally(e);
            }
        }
    }
}

package io.couriermq.broker.grpc;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.Message;
import apache.rocketmq.v2.SendMessageRequest;
import apache.rocketmq.v2.SendMessageResponse;
import apache.rocketmq.v2.SendResultEntry;
import apache.rocketmq.v2.Status;
import io.couriermq.broker.core.produce.SendRequest;
import io.couriermq.broker.core.produce.SendService;
import io.couriermq.broker.metrics.BrokerMetrics;
import io.couriermq.server.grpc.RequestMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** SendMessage: one entry per message, in order, each with its own status; the top-level status sums them up. */
final class ProducerRpcs {

    private final SendService sends;
    private final MessageConverter converter;
    private final BrokerMetrics metrics;

    ProducerRpcs(SendService sends, MessageConverter converter, BrokerMetrics metrics) {
        this.sends = sends;
        this.converter = converter;
        this.metrics = metrics;
    }

    CompletableFuture<SendMessageResponse> send(SendMessageRequest request) {
        if (request.getMessagesCount() == 0) {
            return CompletableFuture.completedFuture(SendMessageResponse.newBuilder()
                    .setStatus(V2Status.of(Code.BAD_REQUEST, "no messages in the request")).build());
        }
        RequestMetadata metadata = RequestMetadata.current();
        List<CompletableFuture<SendResultEntry>> entries = new ArrayList<>(request.getMessagesCount());
        for (Message message : request.getMessagesList()) {
            entries.add(sendOne(message, metadata));
        }
        return CompletableFuture.allOf(entries.toArray(CompletableFuture[]::new)).thenApply(done -> {
            SendMessageResponse.Builder response = SendMessageResponse.newBuilder();
            entries.forEach(entry -> response.addEntries(entry.join()));
            return response.setStatus(summary(response.getEntriesList())).build();
        });
    }

    private CompletableFuture<SendResultEntry> sendOne(Message message, RequestMetadata metadata) {
        long startNanos = System.nanoTime();
        String messageId = message.getSystemProperties().getMessageId();
        try {
            SendRequest request = converter.toSendRequest(message, metadata.remoteAddress());
            return sends.send(request).handle((result, failure) -> {
                metrics.recordSend(request.topic(), request.messageType(), request.body().length,
                        System.nanoTime() - startNanos, failure == null);
                if (failure != null) {
                    return failed(messageId, StatusTranslator.toStatus(failure));
                }
                SendResultEntry.Builder entry = SendResultEntry.newBuilder().setStatus(V2Status.OK)
                        .setMessageId(result.messageId()).setOffset(result.queueOffset());
                if (result.transactionId() != null) {
                    entry.setTransactionId(result.transactionId());
                }
                return entry.build();
            });
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(messageId, StatusTranslator.toStatus(e)));
        }
    }

    private static SendResultEntry failed(String messageId, Status status) {
        return SendResultEntry.newBuilder().setStatus(status).setMessageId(messageId).build();
    }

    /** OK if all entries are OK, their common status if they agree, MULTIPLE_RESULTS otherwise. */
    static Status summary(List<SendResultEntry> entries) {
        Status first = entries.get(0).getStatus();
        boolean same = entries.stream().allMatch(e -> e.getStatus().getCode() == first.getCode());
        return same ? first : V2Status.of(Code.MULTIPLE_RESULTS, "entries have different results");
    }
}

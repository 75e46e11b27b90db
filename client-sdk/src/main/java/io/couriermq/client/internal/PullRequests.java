package io.couriermq.client.internal;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.FilterExpression;
import apache.rocketmq.v2.FilterType;
import apache.rocketmq.v2.GetOffsetRequest;
import apache.rocketmq.v2.GetOffsetResponse;
import apache.rocketmq.v2.MessagingServiceGrpc.MessagingServiceStub;
import apache.rocketmq.v2.PullMessageRequest;
import apache.rocketmq.v2.PullMessageResponse;
import apache.rocketmq.v2.QueryOffsetPolicy;
import apache.rocketmq.v2.QueryOffsetRequest;
import apache.rocketmq.v2.QueryOffsetResponse;
import apache.rocketmq.v2.Status;
import apache.rocketmq.v2.UpdateOffsetRequest;
import apache.rocketmq.v2.UpdateOffsetResponse;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.couriermq.client.ClientException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The pull-consumer calls of the v2 protocol: PullMessage (streamed back as status, messages and the next
 * offset), UpdateOffset and GetOffset (the group's committed offset), QueryOffset (a queue's first or last offset,
 * or the offset of a time).
 */
final class PullRequests {

    /** What one PullMessage answered; {@code nextOffset} is -1 if the broker sent none. */
    record Outcome(Status status, List<ReceivedMessage> messages, long nextOffset) {
    }

    private static final FilterExpression ALL = FilterExpression.newBuilder().setType(FilterType.TAG)
            .setExpression("*").build();

    private final ClientRuntime runtime;
    private final String group;

    PullRequests(ClientRuntime runtime, String group) {
        this.runtime = runtime;
        this.group = group;
    }

    CompletableFuture<Outcome> pull(QueueRoute queue, long offset, int maxMessages, Duration longPoll) {
        PullMessageRequest request = PullMessageRequest.newBuilder()
                .setGroup(runtime.resource(group))
                .setMessageQueue(queue.queue())
                .setOffset(offset)
                .setBatchSize(maxMessages)
                .setFilterExpression(ALL)
                .setLongPollingTimeout(Durations.fromMillis(longPoll.toMillis()))
                .build();
        return runtime.rpc().<PullMessageRequest, PullMessageResponse>stream(queue.endpoint(), request,
                longPoll.plus(runtime.rpc().requestTimeout()), MessagingServiceStub::pullMessage)
                .thenApply(responses -> outcome(queue, responses));
    }

    private static Outcome outcome(QueueRoute queue, List<PullMessageResponse> responses) {
        Status status = null;
        long nextOffset = -1;
        List<ReceivedMessage> messages = new ArrayList<>();
        for (PullMessageResponse response : responses) {
            switch (response.getContentCase()) {
                case STATUS -> status = status == null ? response.getStatus() : status;
                case MESSAGE -> messages.add(ReceivedMessage.decode(response.getMessage(), queue.endpoint()));
                case NEXT_OFFSET -> nextOffset = response.getNextOffset();
                case CONTENT_NOT_SET -> {
                }
            }
        }
        if (status == null) {
            throw new ClientException(Code.INTERNAL_SERVER_ERROR_VALUE, "the broker " + queue.endpoint()
                    + " answered a pull without a status");
        }
        return new Outcome(status, messages, nextOffset);
    }

    CompletableFuture<Void> commit(QueueRoute queue, long offset) {
        UpdateOffsetRequest request = UpdateOffsetRequest.newBuilder().setGroup(runtime.resource(group))
                .setMessageQueue(queue.queue()).setOffset(offset).build();
        return runtime.rpc().<UpdateOffsetRequest, UpdateOffsetResponse>unary(queue.endpoint(), request,
                MessagingServiceStub::updateOffset).thenAccept(response -> Statuses.check(response.getStatus()));
    }

    CompletableFuture<Long> committed(QueueRoute queue) {
        GetOffsetRequest request = GetOffsetRequest.newBuilder().setGroup(runtime.resource(group))
                .setMessageQueue(queue.queue()).build();
        return runtime.rpc().<GetOffsetRequest, GetOffsetResponse>unary(queue.endpoint(), request,
                MessagingServiceStub::getOffset).thenApply(response -> {
                    Statuses.check(response.getStatus());
                    return response.getOffset();
                });
    }

    /** @param timestamp used by {@link QueryOffsetPolicy#TIMESTAMP} only; may be null otherwise */
    CompletableFuture<Long> queryOffset(QueueRoute queue, QueryOffsetPolicy policy, Instant timestamp) {
        QueryOffsetRequest.Builder request = QueryOffsetRequest.newBuilder().setMessageQueue(queue.queue())
                .setQueryOffsetPolicy(policy);
        if (timestamp != null) {
            request.setTimestamp(Timestamps.fromMillis(timestamp.toEpochMilli()));
        }
        return runtime.rpc().<QueryOffsetRequest, QueryOffsetResponse>unary(queue.endpoint(), request.build(),
                MessagingServiceStub::queryOffset).thenApply(response -> {
                    Statuses.check(response.getStatus());
                    return response.getOffset();
                });
    }
}

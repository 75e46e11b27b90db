package io.couriermq.broker.grpc;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.GetOffsetRequest;
import apache.rocketmq.v2.GetOffsetResponse;
import apache.rocketmq.v2.PullMessageRequest;
import apache.rocketmq.v2.PullMessageResponse;
import apache.rocketmq.v2.QueryOffsetRequest;
import apache.rocketmq.v2.QueryOffsetResponse;
import apache.rocketmq.v2.Status;
import apache.rocketmq.v2.UpdateOffsetRequest;
import apache.rocketmq.v2.UpdateOffsetResponse;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.couriermq.broker.core.consume.ConsumptionService;
import io.couriermq.broker.core.consume.PullService;
import io.couriermq.store.GetResult;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoredMessage;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The pull-consumer calls of the v2 protocol (which the official 5.0.8 Java client never makes, but our SDK's
 * PullConsumer does): PullMessage streams status, messages and the next offset; UpdateOffset, GetOffset and
 * QueryOffset manage the offsets a pull consumer commits.
 */
final class PullRpcs {

    private final PullService pulls;
    private final ConsumptionService consumption;
    private final MessageStore store;
    private final MessageConverter converter;

    PullRpcs(PullService pulls, ConsumptionService consumption, MessageStore store, MessageConverter converter) {
        this.pulls = pulls;
        this.consumption = consumption;
        this.store = store;
        this.converter = converter;
    }

    void pull(PullMessageRequest request, StreamObserver<PullMessageResponse> responses) {
        String namespace = request.getMessageQueue().getTopic().getResourceNamespace();
        CompletableFuture<GetResult> pulled;
        try {
            Duration longPoll = request.hasLongPollingTimeout()
                    ? Duration.ofMillis(Math.min(Durations.toMillis(request.getLongPollingTimeout()),
                    ServerSettings.LONG_POLLING_TIMEOUT.toMillis()))
                    : Duration.ZERO;
            pulled = pulls.pull(request.getMessageQueue().getTopic().getName(), request.getMessageQueue().getId(),
                    request.getOffset(), Math.min(Math.max(1, request.getBatchSize()), ConsumerRpcs.MAX_BATCH),
                    FilterExpressions.toTagFilter(request.getFilterExpression()), longPoll);
        } catch (RuntimeException e) {
            pulled = CompletableFuture.failedFuture(e);
        }
        pulled.whenComplete((result, failure) -> {
            if (responses instanceof ServerCallStreamObserver<PullMessageResponse> call && call.isCancelled()) {
                return;
            }
            if (failure != null) {
                responses.onNext(PullMessageResponse.newBuilder().setStatus(StatusTranslator.toStatus(failure)).build());
                responses.onCompleted();
                return;
            }
            responses.onNext(PullMessageResponse.newBuilder().setStatus(statusOf(result)).build());
            for (StoredMessage message : result.messages()) {
                responses.onNext(PullMessageResponse.newBuilder().setMessage(converter.toV2(message, namespace)).build());
            }
            responses.onNext(PullMessageResponse.newBuilder().setNextOffset(result.nextOffset()).build());
            responses.onCompleted();
        });
    }

    private static Status statusOf(GetResult result) {
        return switch (result.status()) {
            case FOUND -> V2Status.OK;
            case NO_NEW_MESSAGE, NO_MATCHED_MESSAGE, NO_SUCH_QUEUE -> V2Status.of(Code.MESSAGE_NOT_FOUND, "no new message");
            case OFFSET_TOO_SMALL, OFFSET_OVERFLOW -> V2Status.of(Code.ILLEGAL_OFFSET, "offset is outside ["
                    + result.minOffset() + ", " + result.maxOffset() + "]; continue at " + result.nextOffset());
        };
    }

    CompletableFuture<UpdateOffsetResponse> updateOffset(UpdateOffsetRequest request) {
        if (request.getOffset() < 0) {
            throw new V2RequestException(Code.ILLEGAL_OFFSET, "offset must not be negative");
        }
        return consumption.resetOffset(request.getGroup().getName(), request.getMessageQueue().getTopic().getName(),
                        request.getMessageQueue().getId(), request.getOffset())
                .thenApply(done -> UpdateOffsetResponse.newBuilder().setStatus(V2Status.OK).build());
    }

    GetOffsetResponse getOffset(GetOffsetRequest request) {
        long offset = consumption.committedOffset(request.getGroup().getName(),
                request.getMessageQueue().getTopic().getName(), request.getMessageQueue().getId());
        return GetOffsetResponse.newBuilder().setStatus(V2Status.OK).setOffset(offset).build();
    }

    QueryOffsetResponse queryOffset(QueryOffsetRequest request) {
        String topic = request.getMessageQueue().getTopic().getName();
        int queueId = request.getMessageQueue().getId();
        long offset = switch (request.getQueryOffsetPolicy()) {
            case BEGINNING -> store.minOffset(topic, queueId);
            case END -> store.maxOffset(topic, queueId);
            case TIMESTAMP -> store.offsetForTimestamp(topic, queueId, Timestamps.toMillis(request.getTimestamp()));
            case UNRECOGNIZED -> throw new V2RequestException(Code.BAD_REQUEST, "unknown query offset policy");
        };
        return QueryOffsetResponse.newBuilder().setStatus(V2Status.OK).setOffset(offset).build();
    }
}

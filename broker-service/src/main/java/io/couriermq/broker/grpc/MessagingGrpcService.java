package io.couriermq.broker.grpc;

import apache.rocketmq.v2.AckMessageRequest;
import apache.rocketmq.v2.AckMessageResponse;
import apache.rocketmq.v2.ChangeInvisibleDurationRequest;
import apache.rocketmq.v2.ChangeInvisibleDurationResponse;
import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.EndTransactionRequest;
import apache.rocketmq.v2.EndTransactionResponse;
import apache.rocketmq.v2.ForwardMessageToDeadLetterQueueRequest;
import apache.rocketmq.v2.ForwardMessageToDeadLetterQueueResponse;
import apache.rocketmq.v2.GetOffsetRequest;
import apache.rocketmq.v2.GetOffsetResponse;
import apache.rocketmq.v2.HeartbeatRequest;
import apache.rocketmq.v2.HeartbeatResponse;
import apache.rocketmq.v2.MessagingServiceGrpc;
import apache.rocketmq.v2.NotifyClientTerminationRequest;
import apache.rocketmq.v2.NotifyClientTerminationResponse;
import apache.rocketmq.v2.PullMessageRequest;
import apache.rocketmq.v2.PullMessageResponse;
import apache.rocketmq.v2.QueryAssignmentRequest;
import apache.rocketmq.v2.QueryAssignmentResponse;
import apache.rocketmq.v2.QueryOffsetRequest;
import apache.rocketmq.v2.QueryOffsetResponse;
import apache.rocketmq.v2.QueryRouteRequest;
import apache.rocketmq.v2.QueryRouteResponse;
import apache.rocketmq.v2.RecallMessageRequest;
import apache.rocketmq.v2.RecallMessageResponse;
import apache.rocketmq.v2.ReceiveMessageRequest;
import apache.rocketmq.v2.ReceiveMessageResponse;
import apache.rocketmq.v2.SendMessageRequest;
import apache.rocketmq.v2.SendMessageResponse;
import apache.rocketmq.v2.Status;
import apache.rocketmq.v2.SyncLiteSubscriptionRequest;
import apache.rocketmq.v2.SyncLiteSubscriptionResponse;
import apache.rocketmq.v2.TelemetryCommand;
import apache.rocketmq.v2.UpdateOffsetRequest;
import apache.rocketmq.v2.UpdateOffsetResponse;
import io.grpc.stub.StreamObserver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The broker's {@code apache.rocketmq.v2.MessagingService}: each call is handed to the class that serves its part
 * of the protocol. Failures never surface as gRPC errors: the v2 protocol carries them as a {@link Status} inside
 * the response, which {@link StatusTranslator} builds.
 */
public final class MessagingGrpcService extends MessagingServiceGrpc.MessagingServiceImplBase {

    private final RouteRpcs routes;
    private final ProducerRpcs producers;
    private final ConsumerRpcs consumers;
    private final PullRpcs pulls;
    private final TelemetrySessions sessions;
    private final TransactionRpcs transactions;
    private final Executor reads;

    /**
     * @param reads runs the calls that read messages from the store, which may wait for the disk; the others run
     *              on the transport threads, which must never wait
     */
    MessagingGrpcService(RouteRpcs routes, ProducerRpcs producers, ConsumerRpcs consumers, PullRpcs pulls,
                         TelemetrySessions sessions, TransactionRpcs transactions, Executor reads) {
        this.routes = routes;
        this.producers = producers;
        this.consumers = consumers;
        this.pulls = pulls;
        this.sessions = sessions;
        this.transactions = transactions;
        this.reads = reads;
    }

    @Override
    public void queryRoute(QueryRouteRequest request, StreamObserver<QueryRouteResponse> responses) {
        async(responses, () -> routes.queryRoute(request),
                status -> QueryRouteResponse.newBuilder().setStatus(status).build());
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> responses) {
        unary(responses, () -> sessions.heartbeat(request),
                status -> HeartbeatResponse.newBuilder().setStatus(status).build());
    }

    @Override
    public void sendMessage(SendMessageRequest request, StreamObserver<SendMessageResponse> responses) {
        async(responses, () -> producers.send(request),
                status -> SendMessageResponse.newBuilder().setStatus(status).build());
    }

    @Override
    public void queryAssignment(QueryAssignmentRequest request, StreamObserver<QueryAssignmentResponse> responses) {
        async(responses, () -> consumers.queryAssignment(request),
                status -> QueryAssignmentResponse.newBuilder().setStatus(status).build());
    }

    @Override
    public void receiveMessage(ReceiveMessageRequest request, StreamObserver<ReceiveMessageResponse> responses) {
        reads.execute(() -> consumers.receive(request, responses));
    }

    @Override
    public void ackMessage(AckMessageRequest request, StreamObserver<AckMessageResponse> responses) {
        async(responses, () -> consumers.ack(request),
                status -> AckMessageResponse.newBuilder().setStatus(status).build());
    }

    @Override
    public void forwardMessageToDeadLetterQueue(ForwardMessageToDeadLetterQueueRequest request,
                                                StreamObserver<ForwardMessageToDeadLetterQueueResponse> responses) {
        async(responses, () -> consumers.forwardToDeadLetter(request),
                status -> ForwardMessageToDeadLetterQueueResponse.newBuilder().setStatus(status).build());
    }

    @Override
    public void changeInvisibleDuration(ChangeInvisibleDurationRequest request,
                                        StreamObserver<ChangeInvisibleDurationResponse> responses) {
        unary(responses, () -> consumers.changeInvisibleDuration(request),
                status -> ChangeInvisibleDurationResponse.newBuilder().setStatus(status)
                        .setReceiptHandle(request.getReceiptHandle()).build());
    }

    @Override
    public void pullMessage(PullMessageRequest request, StreamObserver<PullMessageResponse> responses) {
        reads.execute(() -> pulls.pull(request, responses));
    }

    @Override
    public void updateOffset(UpdateOffsetRequest request, StreamObserver<UpdateOffsetResponse> responses) {
        async(responses, () -> pulls.updateOffset(request),
                status -> UpdateOffsetResponse.newBuilder().setStatus(status).build());
    }

    @Override
    public void getOffset(GetOffsetRequest request, StreamObserver<GetOffsetResponse> responses) {
        unary(responses, () -> pulls.getOffset(request),
                status -> GetOffsetResponse.newBuilder().setStatus(status).build());
    }

    @Override
    public void queryOffset(QueryOffsetRequest request, StreamObserver<QueryOffsetResponse> responses) {
        reads.execute(() -> unary(responses, () -> pulls.queryOffset(request),
                status -> QueryOffsetResponse.newBuilder().setStatus(status).build()));
    }

    @Override
    public StreamObserver<TelemetryCommand> telemetry(StreamObserver<TelemetryCommand> responses) {
        return sessions.open(responses);
    }

    @Override
    public void notifyClientTermination(NotifyClientTerminationRequest request,
                                        StreamObserver<NotifyClientTerminationResponse> responses) {
        unary(responses, () -> sessions.terminate(request),
                status -> NotifyClientTerminationResponse.newBuilder().setStatus(status).build());
    }

    @Override
    public void endTransaction(EndTransactionRequest request, StreamObserver<EndTransactionResponse> responses) {
        // Reads the half message, which may have left the page cache while its producer was being asked.
        reads.execute(() -> async(responses, () -> transactions.end(request),
                status -> EndTransactionResponse.newBuilder().setStatus(status).build()));
    }

    @Override
    public void recallMessage(RecallMessageRequest request, StreamObserver<RecallMessageResponse> responses) {
        responses.onNext(RecallMessageResponse.newBuilder().setStatus(unsupported("recalling delay messages")).build());
        responses.onCompleted();
    }

    @Override
    public void syncLiteSubscription(SyncLiteSubscriptionRequest request,
                                     StreamObserver<SyncLiteSubscriptionResponse> responses) {
        responses.onNext(SyncLiteSubscriptionResponse.newBuilder().setStatus(unsupported("lite topics")).build());
        responses.onCompleted();
    }

    private static Status unsupported(String what) {
        return V2Status.of(Code.UNSUPPORTED, what + " are not supported by this broker");
    }

    private static <R> void unary(StreamObserver<R> responses, Supplier<R> call, Function<Status, R> onFailure) {
        R response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            response = onFailure.apply(StatusTranslator.toStatus(e));
        }
        responses.onNext(response);
        responses.onCompleted();
    }

    private static <R> void async(StreamObserver<R> responses, Supplier<CompletableFuture<R>> call,
                                  Function<Status, R> onFailure) {
        CompletableFuture<R> future;
        try {
            future = call.get();
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        future.whenComplete((response, failure) -> {
            responses.onNext(failure == null ? response : onFailure.apply(StatusTranslator.toStatus(failure)));
            responses.onCompleted();
        });
    }
}

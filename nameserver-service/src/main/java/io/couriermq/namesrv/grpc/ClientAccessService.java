package io.couriermq.namesrv.grpc;

import apache.rocketmq.v2.AckMessageRequest;
import apache.rocketmq.v2.AckMessageResponse;
import apache.rocketmq.v2.Assignment;
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
import apache.rocketmq.v2.MessageQueue;
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
import apache.rocketmq.v2.Resource;
import apache.rocketmq.v2.SendMessageRequest;
import apache.rocketmq.v2.SendMessageResponse;
import apache.rocketmq.v2.Status;
import apache.rocketmq.v2.SyncLiteSubscriptionRequest;
import apache.rocketmq.v2.SyncLiteSubscriptionResponse;
import apache.rocketmq.v2.TelemetryCommand;
import apache.rocketmq.v2.UpdateOffsetRequest;
import apache.rocketmq.v2.UpdateOffsetResponse;
import io.couriermq.namesrv.metrics.NameServerMetrics;
import io.couriermq.namesrv.route.RouteTable;
import io.couriermq.server.route.TopicNameRule;
import io.couriermq.server.route.TopicRoute;
import io.couriermq.server.route.V2Routes;
import io.grpc.stub.StreamObserver;

import java.util.List;
import java.util.Optional;

/**
 * The RocketMQ v2 {@code MessagingService} on the NameServer's port, for the official 5.x clients configured with the
 * NameServer as their access point. They ask it only for routes (QueryRoute, and QueryAssignment when the access
 * point is not a broker) and send everything else to the brokers the routes name. Heartbeat and
 * NotifyClientTermination are answered OK because a client may still send them here; every other RPC answers its
 * own response type with status UNSUPPORTED, so a misdirected client fails with a clear message rather than a
 * gRPC UNIMPLEMENTED.
 */
public final class ClientAccessService extends MessagingServiceGrpc.MessagingServiceImplBase {

    private static final Status OK = Status.newBuilder().setCode(Code.OK).setMessage("OK").build();

    private final RouteTable table;
    private final NameServerMetrics metrics;

    public ClientAccessService(RouteTable table, NameServerMetrics metrics) {
        this.table = table;
        this.metrics = metrics;
    }

    @Override
    public void queryRoute(QueryRouteRequest request, StreamObserver<QueryRouteResponse> observer) {
        Resource topic = request.getTopic();
        QueryRouteResponse.Builder response = QueryRouteResponse.newBuilder();
        Optional<Status> refusal = illegalTopic(topic);
        if (refusal.isPresent()) {
            reply(observer, response.setStatus(refusal.get()).build());
            return;
        }
        Optional<TopicRoute> route = table.queryRoute(topic.getName());
        metrics.routeQueried(route.isPresent());
        if (route.isEmpty()) {
            reply(observer, response.setStatus(topicNotFound(topic)).build());
            return;
        }
        reply(observer, response.setStatus(OK).addAllMessageQueues(V2Routes.messageQueues(topic, route.get())).build());
    }

    /** Apache's non-FIFO answer: one assignment per readable master, queue id -1; the broker picks the queue. */
    @Override
    public void queryAssignment(QueryAssignmentRequest request, StreamObserver<QueryAssignmentResponse> observer) {
        Resource topic = request.getTopic();
        QueryAssignmentResponse.Builder response = QueryAssignmentResponse.newBuilder();
        Optional<Status> refusal = illegalTopic(topic);
        if (refusal.isPresent()) {
            reply(observer, response.setStatus(refusal.get()).build());
            return;
        }
        Optional<TopicRoute> route = table.queryRoute(topic.getName());
        if (route.isEmpty()) {
            reply(observer, response.setStatus(topicNotFound(topic)).build());
            return;
        }
        List<MessageQueue> queues = V2Routes.assignmentQueues(topic, route.get());
        if (queues.isEmpty()) {
            reply(observer, response.setStatus(status(Code.FORBIDDEN,
                    "no readable queue for topic " + topic.getName() + ": no broker master allows reading it"))
                    .build());
            return;
        }
        queues.forEach(queue -> response.addAssignments(Assignment.newBuilder().setMessageQueue(queue)));
        reply(observer, response.setStatus(OK).build());
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> observer) {
        reply(observer, HeartbeatResponse.newBuilder().setStatus(OK).build());
    }

    @Override
    public void notifyClientTermination(NotifyClientTerminationRequest request,
                                        StreamObserver<NotifyClientTerminationResponse> observer) {
        reply(observer, NotifyClientTerminationResponse.newBuilder().setStatus(OK).build());
    }

    @Override
    public void sendMessage(SendMessageRequest request, StreamObserver<SendMessageResponse> observer) {
        reply(observer, SendMessageResponse.newBuilder().setStatus(unsupported("SendMessage")).build());
    }

    @Override
    public void receiveMessage(ReceiveMessageRequest request, StreamObserver<ReceiveMessageResponse> observer) {
        reply(observer, ReceiveMessageResponse.newBuilder().setStatus(unsupported("ReceiveMessage")).build());
    }

    @Override
    public void ackMessage(AckMessageRequest request, StreamObserver<AckMessageResponse> observer) {
        reply(observer, AckMessageResponse.newBuilder().setStatus(unsupported("AckMessage")).build());
    }

    @Override
    public void forwardMessageToDeadLetterQueue(ForwardMessageToDeadLetterQueueRequest request,
                                                StreamObserver<ForwardMessageToDeadLetterQueueResponse> observer) {
        reply(observer, ForwardMessageToDeadLetterQueueResponse.newBuilder()
                .setStatus(unsupported("ForwardMessageToDeadLetterQueue")).build());
    }

    @Override
    public void pullMessage(PullMessageRequest request, StreamObserver<PullMessageResponse> observer) {
        reply(observer, PullMessageResponse.newBuilder().setStatus(unsupported("PullMessage")).build());
    }

    @Override
    public void updateOffset(UpdateOffsetRequest request, StreamObserver<UpdateOffsetResponse> observer) {
        reply(observer, UpdateOffsetResponse.newBuilder().setStatus(unsupported("UpdateOffset")).build());
    }

    @Override
    public void getOffset(GetOffsetRequest request, StreamObserver<GetOffsetResponse> observer) {
        reply(observer, GetOffsetResponse.newBuilder().setStatus(unsupported("GetOffset")).build());
    }

    @Override
    public void queryOffset(QueryOffsetRequest request, StreamObserver<QueryOffsetResponse> observer) {
        reply(observer, QueryOffsetResponse.newBuilder().setStatus(unsupported("QueryOffset")).build());
    }

    @Override
    public void endTransaction(EndTransactionRequest request, StreamObserver<EndTransactionResponse> observer) {
        reply(observer, EndTransactionResponse.newBuilder().setStatus(unsupported("EndTransaction")).build());
    }

    @Override
    public void changeInvisibleDuration(ChangeInvisibleDurationRequest request,
                                        StreamObserver<ChangeInvisibleDurationResponse> observer) {
        reply(observer, ChangeInvisibleDurationResponse.newBuilder()
                .setStatus(unsupported("ChangeInvisibleDuration")).build());
    }

    @Override
    public void recallMessage(RecallMessageRequest request, StreamObserver<RecallMessageResponse> observer) {
        reply(observer, RecallMessageResponse.newBuilder().setStatus(unsupported("RecallMessage")).build());
    }

    @Override
    public void syncLiteSubscription(SyncLiteSubscriptionRequest request,
                                     StreamObserver<SyncLiteSubscriptionResponse> observer) {
        reply(observer, SyncLiteSubscriptionResponse.newBuilder()
                .setStatus(unsupported("SyncLiteSubscription")).build());
    }

    /**
     * Answers the stream at once with UNSUPPORTED and completes it. Clients open Telemetry only towards the brokers
     * a route names, so this is reached only by a client pointed at the NameServer as if it were a broker.
     */
    @Override
    public StreamObserver<TelemetryCommand> telemetry(StreamObserver<TelemetryCommand> observer) {
        reply(observer, TelemetryCommand.newBuilder().setStatus(unsupported("Telemetry")).build());
        return new StreamObserver<>() {
            @Override
            public void onNext(TelemetryCommand command) {
                // The answer is already sent; whatever the client says cannot change it.
            }

            @Override
            public void onError(Throwable error) {
                // The client went away; nothing is held for it.
            }

            @Override
            public void onCompleted() {
                // Our side completed when the stream opened.
            }
        };
    }

    private static Optional<Status> illegalTopic(Resource topic) {
        return TopicNameRule.problem(topic.getName()).map(problem -> status(Code.ILLEGAL_TOPIC, problem));
    }

    private static Status topicNotFound(Resource topic) {
        return status(Code.TOPIC_NOT_FOUND, "topic " + topic.getName()
                + " not found: no live broker serves it and none creates topics on first send");
    }

    private static Status unsupported(String rpc) {
        return status(Code.UNSUPPORTED, rpc + " is not served here: this is a NameServer, it only answers route"
                + " queries (QueryRoute, QueryAssignment); send " + rpc + " to a broker named in the route");
    }

    private static Status status(Code code, String message) {
        return Status.newBuilder().setCode(code).setMessage(message).build();
    }

    private static <R> void reply(StreamObserver<R> observer, R response) {
        observer.onNext(response);
        observer.onCompleted();
    }
}

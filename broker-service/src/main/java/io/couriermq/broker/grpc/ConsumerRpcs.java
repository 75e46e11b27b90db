package io.couriermq.broker.grpc;

import apache.rocketmq.v2.AckMessageEntry;
import apache.rocketmq.v2.AckMessageRequest;
import apache.rocketmq.v2.AckMessageResponse;
import apache.rocketmq.v2.AckMessageResultEntry;
import apache.rocketmq.v2.Assignment;
import apache.rocketmq.v2.ChangeInvisibleDurationRequest;
import apache.rocketmq.v2.ChangeInvisibleDurationResponse;
import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.ForwardMessageToDeadLetterQueueRequest;
import apache.rocketmq.v2.ForwardMessageToDeadLetterQueueResponse;
import apache.rocketmq.v2.MessageQueue;
import apache.rocketmq.v2.Permission;
import apache.rocketmq.v2.QueryAssignmentRequest;
import apache.rocketmq.v2.QueryAssignmentResponse;
import apache.rocketmq.v2.ReceiveMessageRequest;
import apache.rocketmq.v2.ReceiveMessageResponse;
import apache.rocketmq.v2.Status;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.couriermq.broker.core.consume.ConsumptionService;
import io.couriermq.broker.core.consume.Delivery;
import io.couriermq.broker.core.consume.ReceiveRequest;
import io.couriermq.broker.core.group.GroupConfig;
import io.couriermq.broker.core.group.GroupRegistry;
import io.couriermq.broker.core.topic.TopicConfig;
import io.couriermq.broker.core.topic.TopicMessageType;
import io.couriermq.broker.core.topic.TopicRegistry;
import io.couriermq.broker.metrics.BrokerMetrics;
import io.couriermq.server.route.V2Routes;
import io.couriermq.server.grpc.RequestMetadata;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The consumer side of the v2 protocol: ReceiveMessage (long-polled, streamed back as status, messages, time),
 * AckMessage, ChangeInvisibleDuration, ForwardMessageToDeadLetterQueue and QueryAssignment.
 */
final class ConsumerRpcs {

    static final Duration MIN_INVISIBLE = Duration.ofSeconds(1);
    static final Duration MAX_INVISIBLE = Duration.ofHours(12);
    /** Invisibility step for push consumers' auto-renewed deliveries (Apache's default). */
    static final Duration AUTO_RENEW_INVISIBLE = Duration.ofSeconds(60);
    static final int MAX_BATCH = 256;
    /** Answer a long poll this long before the client's deadline, so the answer arrives before it gives up. */
    private static final Duration DEADLINE_MARGIN = Duration.ofMillis(500);

    private final ConsumptionService consumption;
    private final TopicRegistry topics;
    private final GroupRegistry groups;
    private final MessageConverter converter;
    private final LocalBroker localBroker;
    private final NameServerRoutes nameServerRoutes;
    private final BrokerMetrics metrics;

    ConsumerRpcs(ConsumptionService consumption, TopicRegistry topics, GroupRegistry groups,
                 MessageConverter converter, LocalBroker localBroker, NameServerRoutes nameServerRoutes,
                 BrokerMetrics metrics) {
        this.consumption = consumption;
        this.nameServerRoutes = nameServerRoutes;
        this.topics = topics;
        this.groups = groups;
        this.converter = converter;
        this.localBroker = localBroker;
        this.metrics = metrics;
    }

    void receive(ReceiveMessageRequest request, StreamObserver<ReceiveMessageResponse> responses) {
        long startNanos = System.nanoTime();
        String namespace = request.getMessageQueue().getTopic().getResourceNamespace();
        ReceiveRequest receive;
        Duration invisible;
        try {
            invisible = request.getAutoRenew() ? AUTO_RENEW_INVISIBLE : invisibleDuration(request);
            receive = new ReceiveRequest(request.getGroup().getName(), request.getMessageQueue().getTopic().getName(),
                    request.getMessageQueue().getId(), Math.min(Math.max(1, request.getBatchSize()), MAX_BATCH),
                    FilterExpressions.toTagFilter(request.getFilterExpression()), invisible, request.getAutoRenew(),
                    pollTime(request), RequestMetadata.current().clientId(),
                    request.getAttemptId().isEmpty() ? null : request.getAttemptId());
        } catch (RuntimeException e) {
            finishReceive(responses, StatusTranslator.toStatus(e), List.of(), namespace, 0);
            metrics.recordReceive(System.nanoTime() - startNanos, false);
            return;
        }
        long invisibleMillis = invisible.toMillis();
        CompletableFuture<List<Delivery>> received;
        try {
            received = consumption.receive(receive);
        } catch (RuntimeException e) {
            received = CompletableFuture.failedFuture(e);
        }
        received.whenComplete((deliveries, failure) -> {
            metrics.recordReceive(System.nanoTime() - startNanos, failure == null);
            if (failure != null) {
                finishReceive(responses, StatusTranslator.toStatus(failure), List.of(), namespace, 0);
                return;
            }
            Status status = deliveries.isEmpty()
                    ? V2Status.of(Code.MESSAGE_NOT_FOUND, "no new message") : V2Status.OK;
            long bytes = deliveries.stream().mapToLong(d -> d.message().body().length).sum();
            metrics.recordDelivery(receive.topic(), receive.group(), deliveries.size(), bytes);
            finishReceive(responses, status, deliveries, namespace, invisibleMillis);
        });
    }

    private Duration invisibleDuration(ReceiveMessageRequest request) {
        if (!request.hasInvisibleDuration()) {
            throw new V2RequestException(Code.ILLEGAL_INVISIBLE_TIME,
                    "invisible_duration is required unless auto_renew is set");
        }
        return checkedInvisible(Duration.ofMillis(Durations.toMillis(request.getInvisibleDuration())));
    }

    static Duration checkedInvisible(Duration invisible) {
        if (invisible.compareTo(MIN_INVISIBLE) < 0 || invisible.compareTo(MAX_INVISIBLE) > 0) {
            throw new V2RequestException(Code.ILLEGAL_INVISIBLE_TIME, "invisible duration " + invisible
                    + " is outside [" + MIN_INVISIBLE + ", " + MAX_INVISIBLE + "]");
        }
        return invisible;
    }

    /** How long to hold an empty receive: what the client asked, at most 20 s, and not past its deadline. */
    private static Duration pollTime(ReceiveMessageRequest request) {
        Duration requested = request.hasLongPollingTimeout()
                ? Duration.ofMillis(Durations.toMillis(request.getLongPollingTimeout()))
                : ServerSettings.LONG_POLLING_TIMEOUT;
        Duration poll = requested.compareTo(ServerSettings.LONG_POLLING_TIMEOUT) > 0
                ? ServerSettings.LONG_POLLING_TIMEOUT : requested;
        Deadline deadline = Context.current().getDeadline();
        if (deadline != null) {
            Duration untilDeadline = Duration.ofMillis(deadline.timeRemaining(TimeUnit.MILLISECONDS))
                    .minus(DEADLINE_MARGIN);
            if (untilDeadline.compareTo(poll) < 0) {
                poll = untilDeadline.isNegative() ? Duration.ZERO : untilDeadline;
            }
        }
        return poll.isNegative() ? Duration.ZERO : poll;
    }

    private void finishReceive(StreamObserver<ReceiveMessageResponse> responses, Status status,
                               List<Delivery> deliveries, String namespace, long invisibleMillis) {
        if (responses instanceof ServerCallStreamObserver<ReceiveMessageResponse> call && call.isCancelled()) {
            // The client gave up (disconnected or timed out); the messages come back after their invisibility.
            return;
        }
        try {
            responses.onNext(ReceiveMessageResponse.newBuilder().setStatus(status).build());
            for (Delivery delivery : deliveries) {
                responses.onNext(ReceiveMessageResponse.newBuilder()
                        .setMessage(converter.toV2(delivery, namespace, invisibleMillis)).build());
            }
            responses.onNext(ReceiveMessageResponse.newBuilder()
                    .setDeliveryTimestamp(Timestamps.fromMillis(System.currentTimeMillis())).build());
            responses.onCompleted();
        } catch (RuntimeException cancelledMidStream) {
            // Same as above: the stream went away while we wrote to it.
        }
    }

    CompletableFuture<AckMessageResponse> ack(AckMessageRequest request) {
        long startNanos = System.nanoTime();
        String group = request.getGroup().getName();
        String topic = request.getTopic().getName();
        List<CompletableFuture<Void>> acks = consumption.acknowledge(group, topic,
                request.getEntriesList().stream().map(AckMessageEntry::getReceiptHandle).toList());
        List<CompletableFuture<AckMessageResultEntry>> results = new ArrayList<>(acks.size());
        for (int i = 0; i < acks.size(); i++) {
            AckMessageEntry entry = request.getEntries(i);
            results.add(acks.get(i).handle((done, failure) -> AckMessageResultEntry.newBuilder()
                    .setMessageId(entry.getMessageId()).setReceiptHandle(entry.getReceiptHandle())
                    .setStatus(failure == null ? V2Status.OK : StatusTranslator.toStatus(failure)).build()));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(done -> {
            AckMessageResponse.Builder response = AckMessageResponse.newBuilder();
            results.forEach(result -> response.addEntries(result.join()));
            Status status = summary(response.getEntriesList());
            metrics.recordAck(System.nanoTime() - startNanos, status.getCode() == Code.OK);
            return response.setStatus(status).build();
        });
    }

    private static Status summary(List<AckMessageResultEntry> entries) {
        if (entries.isEmpty()) {
            return V2Status.of(Code.BAD_REQUEST, "no entries to acknowledge");
        }
        Code first = entries.get(0).getStatus().getCode();
        boolean same = entries.stream().allMatch(e -> e.getStatus().getCode() == first);
        return same ? entries.get(0).getStatus() : V2Status.of(Code.MULTIPLE_RESULTS, "entries have different results");
    }

    ChangeInvisibleDurationResponse changeInvisibleDuration(ChangeInvisibleDurationRequest request) {
        Duration invisible = Duration.ofMillis(Durations.toMillis(request.getInvisibleDuration()));
        if (invisible.isNegative() || invisible.compareTo(MAX_INVISIBLE) > 0) {
            throw new V2RequestException(Code.ILLEGAL_INVISIBLE_TIME, "invisible duration " + invisible
                    + " is outside [0, " + MAX_INVISIBLE + "]");
        }
        Delivery renewed = consumption.changeInvisibility(request.getGroup().getName(), request.getTopic().getName(),
                request.getReceiptHandle(), invisible);
        return ChangeInvisibleDurationResponse.newBuilder().setStatus(V2Status.OK)
                .setReceiptHandle(renewed.handle().encode()).build();
    }

    CompletableFuture<ForwardMessageToDeadLetterQueueResponse> forwardToDeadLetter(
            ForwardMessageToDeadLetterQueueRequest request) {
        return consumption.forwardToDeadLetter(request.getGroup().getName(), request.getTopic().getName(),
                        request.getReceiptHandle(), request.getDeliveryAttempt())
                .thenApply(done -> ForwardMessageToDeadLetterQueueResponse.newBuilder().setStatus(V2Status.OK).build());
    }

    /**
     * Assignments for a push consumer, as Apache's proxy gives them: a non-FIFO group gets each broker of the topic
     * with queue id -1 ("any queue there"), since brokers share messages among the group's consumers themselves; a
     * FIFO group gets each readable queue, so order holds per queue. Brokers come from the NameServers' route when
     * they can be asked, else this broker alone.
     */
    CompletableFuture<QueryAssignmentResponse> queryAssignment(QueryAssignmentRequest request) {
        String topicName = request.getTopic().getName();
        TopicConfig local = topics.find(topicName).orElse(null);
        boolean fifo = groups.find(request.getGroup().getName()).map(GroupConfig::fifo).orElse(false)
                && local != null && local.messageType() == TopicMessageType.FIFO;
        return nameServerRoutes.route(topicName).thenApply(route -> {
            List<MessageQueue> queues = route.map(found -> fifo
                            ? V2Routes.messageQueues(request.getTopic(), found).stream()
                                    .filter(queue -> queue.getPermission() == Permission.READ
                                            || queue.getPermission() == Permission.READ_WRITE).toList()
                            : V2Routes.assignmentQueues(request.getTopic(), found))
                    .orElseGet(() -> localAssignment(request, local, fifo));
            if (local == null && route.isEmpty()) {
                return QueryAssignmentResponse.newBuilder().setStatus(V2Status.of(Code.TOPIC_NOT_FOUND,
                        "topic " + topicName + " does not exist")).build();
            }
            if (queues.isEmpty()) {
                return QueryAssignmentResponse.newBuilder().setStatus(V2Status.of(Code.FORBIDDEN,
                        "topic " + topicName + " has no readable queue")).build();
            }
            QueryAssignmentResponse.Builder response = QueryAssignmentResponse.newBuilder().setStatus(V2Status.OK);
            queues.forEach(queue -> response.addAssignments(Assignment.newBuilder().setMessageQueue(queue)));
            return response.build();
        });
    }

    private List<MessageQueue> localAssignment(QueryAssignmentRequest request, TopicConfig topic, boolean fifo) {
        if (topic == null || !topic.readable()) {
            return List.of();
        }
        List<MessageQueue> queues = new ArrayList<>();
        for (int queueId : fifo ? IntStream.range(0, topic.readQueueNums()).toArray()
                : new int[] {V2Routes.ANY_QUEUE}) {
            queues.add(MessageQueue.newBuilder().setTopic(request.getTopic()).setId(queueId)
                    .setPermission(Permission.READ_WRITE).setBroker(localBroker.toV2()).build());
        }
        return queues;
    }
}

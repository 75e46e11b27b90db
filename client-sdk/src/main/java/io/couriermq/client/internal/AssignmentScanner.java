package io.couriermq.client.internal;

import apache.rocketmq.v2.Assignment;
import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.MessagingServiceGrpc.MessagingServiceStub;
import apache.rocketmq.v2.QueryAssignmentRequest;
import apache.rocketmq.v2.QueryAssignmentResponse;
import io.couriermq.client.ClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the queues a push consumer should receive from. Each broker that serves a subscribed topic is asked
 * (QueryAssignment) for its own queues: an ordinary group gets one "any queue" entry per broker (the broker
 * shares messages among the group's consumers), a FIFO group one entry per queue (order holds per queue). Asking
 * every broker rather than the access point is what gives a FIFO group its per-queue assignments, since only the
 * broker knows the group is FIFO.
 *
 * <p>A broker that cannot be reached keeps the assignments it had, so a blip does not stop consumption; one that
 * answers it has nothing for the topic (it does not hold the topic, for instance) loses them.
 */
final class AssignmentScanner {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentScanner.class);

    private final ClientRuntime runtime;
    private final String group;
    private final List<String> topics;

    AssignmentScanner(ClientRuntime runtime, String group, List<String> topics) {
        this.runtime = runtime;
        this.group = group;
        this.topics = topics;
    }

    /** The queues to receive from now, given those received from so far. */
    CompletableFuture<Set<QueueRoute>> scan(Set<QueueRoute> current) {
        Set<QueueRoute> assigned = ConcurrentHashMap.newKeySet();
        CompletableFuture<?>[] scans = topics.stream().map(topic -> runtime.route(topic).thenCompose(route ->
                        CompletableFuture.allOf(route.readableMasterEndpoints().stream()
                                .map(broker -> ask(topic, broker, current).thenAccept(assigned::addAll))
                                .toArray(CompletableFuture[]::new))))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(scans).thenApply(done -> Set.copyOf(assigned));
    }

    private CompletableFuture<Set<QueueRoute>> ask(String topic, Endpoint broker, Set<QueueRoute> current) {
        QueryAssignmentRequest request = QueryAssignmentRequest.newBuilder()
                .setTopic(runtime.resource(topic))
                .setGroup(runtime.resource(group))
                .setEndpoints(runtime.accessPoint().toProto())
                .build();
        return runtime.rpc().<QueryAssignmentRequest, QueryAssignmentResponse>unary(broker, request,
                        MessagingServiceStub::queryAssignment)
                .thenApply(response -> {
                    Statuses.check(response.getStatus());
                    Set<QueueRoute> queues = new HashSet<>();
                    for (Assignment assignment : response.getAssignmentsList()) {
                        QueueRoute queue = QueueRoute.of(assignment.getMessageQueue());
                        if (queue.master() && queue.readable()) {
                            queues.add(queue);
                        }
                    }
                    return queues;
                })
                .exceptionally(failure -> {
                    ClientException error = Statuses.unwrap(failure);
                    boolean unreachable = error.code() == ClientException.NO_STATUS
                            || error.code() >= Code.INTERNAL_ERROR_VALUE;
                    LOG.debug("assignments of {} from {}: {}", topic, broker, error.getMessage());
                    if (!unreachable) {
                        return Set.of();
                    }
                    Set<QueueRoute> kept = new HashSet<>();
                    current.stream().filter(q -> q.topic().equals(topic) && q.endpoint().equals(broker))
                            .forEach(kept::add);
                    return kept;
                });
    }
}

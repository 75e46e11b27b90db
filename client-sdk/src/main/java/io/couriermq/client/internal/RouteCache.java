package io.couriermq.client.internal;

import apache.rocketmq.v2.MessagingServiceGrpc.MessagingServiceStub;
import apache.rocketmq.v2.QueryRouteRequest;
import apache.rocketmq.v2.QueryRouteResponse;
import apache.rocketmq.v2.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Routes of the topics a client uses, asked of the access point (QueryRoute) on first use and refreshed by
 * {@link #refreshAll()}, which the client runs periodically. A failed refresh keeps the previous route: a route a
 * little stale beats none while the access point is unreachable. Concurrent first uses of a topic share one query.
 *
 * <p>Thread-safe.
 */
final class RouteCache {

    private static final Logger LOG = LoggerFactory.getLogger(RouteCache.class);

    private final Rpc rpc;
    private final Endpoint accessPoint;
    private final String namespace;
    private final Consumer<TopicRoute> onUpdate;
    private final Map<String, TopicRoute> routes = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<TopicRoute>> queries = new ConcurrentHashMap<>();

    /** @param onUpdate called with every route received, before the futures of its query complete */
    RouteCache(Rpc rpc, Endpoint accessPoint, String namespace, Consumer<TopicRoute> onUpdate) {
        this.rpc = rpc;
        this.accessPoint = accessPoint;
        this.namespace = namespace;
        this.onUpdate = onUpdate;
    }

    /** The cached route, or the answer of a query if there is none yet. */
    CompletableFuture<TopicRoute> route(String topic) {
        TopicRoute cached = routes.get(topic);
        return cached != null ? CompletableFuture.completedFuture(cached) : refresh(topic);
    }

    Collection<TopicRoute> all() {
        return List.copyOf(routes.values());
    }

    /** Queries the route now (joining a query already under way). */
    CompletableFuture<TopicRoute> refresh(String topic) {
        CompletableFuture<TopicRoute> created = new CompletableFuture<>();
        CompletableFuture<TopicRoute> running = queries.putIfAbsent(topic, created);
        if (running != null) {
            return running;
        }
        query(topic).whenComplete((route, failure) -> {
            queries.remove(topic, created);
            if (failure == null) {
                created.complete(route);
            } else {
                created.completeExceptionally(failure);
            }
        });
        return created;
    }

    private CompletableFuture<TopicRoute> query(String topic) {
        QueryRouteRequest request = QueryRouteRequest.newBuilder()
                .setTopic(Resource.newBuilder().setResourceNamespace(namespace).setName(topic))
                .setEndpoints(accessPoint.toProto())
                .build();
        return rpc.<QueryRouteRequest, QueryRouteResponse>unary(accessPoint, request, MessagingServiceStub::queryRoute)
                .thenApply(response -> {
                    Statuses.check(response.getStatus());
                    List<QueueRoute> queues = new ArrayList<>(response.getMessageQueuesCount());
                    response.getMessageQueuesList().forEach(queue -> queues.add(QueueRoute.of(queue)));
                    TopicRoute route = new TopicRoute(topic, queues);
                    routes.put(topic, route);
                    onUpdate.accept(route);
                    return route;
                });
    }

    /** Re-queries every cached topic; failures are logged and leave the old route in place. */
    void refreshAll() {
        for (String topic : routes.keySet()) {
            refresh(topic).whenComplete((route, failure) -> {
                if (failure != null) {
                    LOG.warn("refreshing the route of {} failed; keeping the previous one: {}", topic,
                            Statuses.unwrap(failure).getMessage());
                }
            });
        }
    }
}

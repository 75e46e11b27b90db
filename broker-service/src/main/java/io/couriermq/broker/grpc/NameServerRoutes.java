package io.couriermq.broker.grpc;

import io.couriermq.proto.namesrv.v1.QueryTopicRouteResponse;
import io.couriermq.server.route.RouteProtos;
import io.couriermq.server.route.TopicRoute;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Where the protocol layer asks the NameServers for a topic's route; empty when they cannot say. */
@FunctionalInterface
public interface NameServerRoutes {

    CompletableFuture<Optional<TopicRoute>> route(String topic);

    /** For a broker without NameServers: every route comes from the broker itself. */
    NameServerRoutes NONE = topic -> CompletableFuture.completedFuture(Optional.empty());

    /** Adapts a lookup of the NameServer protocol's route response. */
    static NameServerRoutes of(Function<String, CompletableFuture<Optional<QueryTopicRouteResponse>>> lookup) {
        return topic -> lookup.apply(topic).thenApply(response -> response
                .filter(QueryTopicRouteResponse::getFound)
                .map(found -> RouteProtos.fromProto(topic, found)));
    }
}

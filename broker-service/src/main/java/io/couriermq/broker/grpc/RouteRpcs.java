package io.couriermq.broker.grpc;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.MessageQueue;
import apache.rocketmq.v2.MessageType;
import apache.rocketmq.v2.Permission;
import apache.rocketmq.v2.QueryRouteRequest;
import apache.rocketmq.v2.QueryRouteResponse;
import io.couriermq.broker.core.topic.TopicConfig;
import io.couriermq.broker.core.topic.TopicMessageType;
import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.broker.core.topic.TopicRegistry;
import io.couriermq.server.route.V2Routes;

import java.util.concurrent.CompletableFuture;

/**
 * QueryRoute for clients that use this broker as their access point, as RocketMQ proxy users do: the NameServers'
 * route over every broker of the topic when they can be asked, otherwise the topic's queues on this broker.
 */
final class RouteRpcs {

    private final TopicRegistry topics;
    private final LocalBroker localBroker;
    private final NameServerRoutes nameServerRoutes;
    private final boolean autoCreateTopics;
    private final int defaultQueueNums;

    RouteRpcs(TopicRegistry topics, LocalBroker localBroker, NameServerRoutes nameServerRoutes,
              boolean autoCreateTopics, int defaultQueueNums) {
        this.topics = topics;
        this.localBroker = localBroker;
        this.nameServerRoutes = nameServerRoutes;
        this.autoCreateTopics = autoCreateTopics;
        this.defaultQueueNums = defaultQueueNums;
    }

    CompletableFuture<QueryRouteResponse> queryRoute(QueryRouteRequest request) {
        String name = request.getTopic().getName();
        String problem = TopicNames.topicProblem(name);
        if (problem != null) {
            throw new V2RequestException(Code.ILLEGAL_TOPIC, problem);
        }
        return nameServerRoutes.route(name).thenApply(route -> route
                .map(found -> QueryRouteResponse.newBuilder().setStatus(V2Status.OK)
                        .addAllMessageQueues(V2Routes.messageQueues(request.getTopic(), found)).build())
                .filter(response -> response.getMessageQueuesCount() > 0)
                .orElseGet(() -> localRoute(request)));
    }

    /** The topic's queues on this broker alone. */
    private QueryRouteResponse localRoute(QueryRouteRequest request) {
        String name = request.getTopic().getName();
        TopicConfig topic = topics.find(name).orElse(null);
        if (topic == null && autoCreateTopics && !TopicNames.isSystemTopic(name)) {
            // Created on first send; until then, route to where it will be, accepting every kind.
            topic = TopicConfig.of(name, defaultQueueNums, TopicMessageType.MIXED);
        }
        if (topic == null) {
            return QueryRouteResponse.newBuilder()
                    .setStatus(V2Status.of(Code.TOPIC_NOT_FOUND, "topic " + name + " does not exist")).build();
        }
        QueryRouteResponse.Builder response = QueryRouteResponse.newBuilder().setStatus(V2Status.OK);
        for (int queueId = 0; queueId < topic.queueCount(); queueId++) {
            MessageQueue.Builder queue = MessageQueue.newBuilder()
                    .setTopic(request.getTopic())
                    .setId(queueId)
                    .setPermission(permission(topic, queueId))
                    .setBroker(localBroker.toV2());
            topic.messageType().accepted().forEach(type -> queue.addAcceptMessageTypes(MessageType.valueOf(type.name())));
            response.addMessageQueues(queue);
        }
        return response.build();
    }

    private static Permission permission(TopicConfig topic, int queueId) {
        boolean read = topic.readable() && queueId < topic.readQueueNums();
        boolean write = topic.writable() && queueId < topic.writeQueueNums();
        return read && write ? Permission.READ_WRITE : read ? Permission.READ : write ? Permission.WRITE : Permission.NONE;
    }
}

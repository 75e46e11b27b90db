package io.couriermq.server.route;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a topic lives: the queues each broker group offers and the live instances of those groups. Shaped like
 * RocketMQ's {@code TopicRouteData}; {@link V2Routes} turns it into what RocketMQ 5 clients expect.
 *
 * @param queues  one entry per broker group serving the topic
 * @param brokers the groups named in {@code queues}
 */
public record TopicRoute(String topic, List<QueueData> queues, List<BrokerGroup> brokers) {

    public TopicRoute {
        Objects.requireNonNull(topic, "topic");
        queues = List.copyOf(queues);
        brokers = List.copyOf(brokers);
    }

    /** The group with this broker name, if the route names it. */
    public Optional<BrokerGroup> group(String brokerName) {
        return brokers.stream().filter(group -> group.brokerName().equals(brokerName)).findFirst();
    }
}

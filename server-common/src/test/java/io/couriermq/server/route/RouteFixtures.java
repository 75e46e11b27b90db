package io.couriermq.server.route;

import java.time.Instant;
import java.util.List;

/** Small routes for tests. */
final class RouteFixtures {

    static final Instant HEARTBEAT = Instant.parse("2025-01-01T00:00:00Z");

    private RouteFixtures() {
    }

    static BrokerInstance master(String grpcAddress, int permission) {
        return new BrokerInstance(0, BrokerRole.SYNC_MASTER, grpcAddress, "10.0.0.1:8080", "10.0.0.1:10912",
                permission, HEARTBEAT, 1024);
    }

    static BrokerInstance slave(long id, String grpcAddress) {
        return new BrokerInstance(id, BrokerRole.SLAVE, grpcAddress, "", "", PermBits.READ, HEARTBEAT, 512);
    }

    static TopicRoute route(QueueData queues, BrokerInstance... instances) {
        return new TopicRoute("orders", List.of(queues),
                List.of(new BrokerGroup("DefaultCluster", queues.brokerName(), List.of(instances))));
    }
}

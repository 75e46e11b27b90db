package io.couriermq.namesrv.metrics;

import io.couriermq.namesrv.grpc.GrpcServerLifecycle;
import io.couriermq.namesrv.route.RouteTable;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP while the gRPC server runs: without it neither brokers nor clients can reach the NameServer, whatever the HTTP
 * side says. Reports the live broker count, which is 0 for a healthy NameServer no broker has reached yet.
 */
@Component("grpc")
public class GrpcHealthIndicator implements HealthIndicator {

    private final GrpcServerLifecycle server;
    private final RouteTable table;

    public GrpcHealthIndicator(GrpcServerLifecycle server, RouteTable table) {
        this.server = server;
        this.table = table;
    }

    @Override
    public Health health() {
        Health.Builder health = server.isRunning() ? Health.up().withDetail("port", server.port()) : Health.down();
        return health.withDetail("liveBrokers", table.brokers().size()).build();
    }
}

package io.couriermq.namesrv.admin;

import io.couriermq.namesrv.route.RegisteredBroker;
import io.couriermq.server.route.BrokerRole;

import java.time.Instant;

/** One live broker instance as {@code GET /api/brokers} shows it. */
public record BrokerView(String cluster, String brokerName, long brokerId, BrokerRole role, String grpcAddress,
                         String adminAddress, String haAddress, Instant lastHeartbeat, long maxPhysicalOffset,
                         long stateVersion, int brokerPermission, int topicCount) {

    static BrokerView of(RegisteredBroker broker) {
        var registration = broker.registration();
        return new BrokerView(broker.key().cluster(), broker.key().brokerName(), broker.key().brokerId(),
                registration.role(), registration.grpcAddress(), registration.adminAddress(),
                registration.haAddress(), broker.lastHeartbeat(), registration.maxPhysicalOffset(),
                registration.stateVersion(), registration.brokerPermission(), registration.topics().size());
    }
}

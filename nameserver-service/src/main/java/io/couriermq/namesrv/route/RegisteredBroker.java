package io.couriermq.namesrv.route;

import io.couriermq.server.route.BrokerInstance;

import java.time.Instant;

/** A broker's latest registration and when it arrived. Immutable: a heartbeat replaces the whole entry. */
public record RegisteredBroker(BrokerRegistration registration, Instant lastHeartbeat) {

    public BrokerKey key() {
        return registration.key();
    }

    public BrokerInstance instance() {
        return new BrokerInstance(key().brokerId(), registration.role(), registration.grpcAddress(),
                registration.adminAddress(), registration.haAddress(), registration.brokerPermission(),
                lastHeartbeat, registration.maxPhysicalOffset());
    }
}

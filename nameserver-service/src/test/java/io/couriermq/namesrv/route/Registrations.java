package io.couriermq.namesrv.route;

import io.couriermq.server.route.BrokerRole;
import io.couriermq.server.route.PermBits;
import io.couriermq.server.route.RouteMessageType;

import java.util.List;

/** Registrations for tests: one cluster, addresses derived from the broker name and id. */
public final class Registrations {

    public static final String CLUSTER = "DefaultCluster";

    private Registrations() {
    }

    public static RegisteredTopic topic(String name, int queues) {
        return new RegisteredTopic(name, queues, queues, PermBits.READ_WRITE, RouteMessageType.NORMAL);
    }

    public static BrokerRegistration master(String brokerName, RegisteredTopic... topics) {
        return broker(brokerName, 0, BrokerRole.SYNC_MASTER, 1, false, List.of(topics));
    }

    public static BrokerRegistration slave(String brokerName, long brokerId, RegisteredTopic... topics) {
        return broker(brokerName, brokerId, BrokerRole.SLAVE, 1, false, List.of(topics));
    }

    public static BrokerRegistration autoCreatingMaster(String brokerName, RegisteredTopic... topics) {
        return broker(brokerName, 0, BrokerRole.ASYNC_MASTER, 1, true, List.of(topics));
    }

    public static BrokerRegistration broker(String brokerName, long brokerId, BrokerRole role, long stateVersion,
                                            boolean autoCreate, List<RegisteredTopic> topics) {
        String host = "10.0." + Math.abs(brokerName.hashCode() % 200) + "." + (brokerId + 1);
        return new BrokerRegistration(new BrokerKey(CLUSTER, brokerName, brokerId), role, host + ":8081",
                host + ":8080", host + ":10912", BrokerRegistration.byName(topics), 1000 * (brokerId + 1),
                stateVersion, PermBits.READ_WRITE, autoCreate, 8);
    }
}

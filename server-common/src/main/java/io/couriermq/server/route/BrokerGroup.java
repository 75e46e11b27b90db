package io.couriermq.server.route;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A broker group, one broker name: its master and slaves that are currently alive.
 *
 * @param instances ordered by broker id, so the master (id 0) comes first when alive
 */
public record BrokerGroup(String cluster, String brokerName, List<BrokerInstance> instances) {

    public BrokerGroup {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(brokerName, "brokerName");
        instances = List.copyOf(instances);
    }

    /** The master, unless it is gone and only slaves remain. */
    public Optional<BrokerInstance> master() {
        return instances.stream().filter(BrokerInstance::isMaster).findFirst();
    }

    /**
     * The instance clients are sent to: the master, or while it is gone the slave with the lowest id, which serves
     * what it copied (RocketMQ's slave acting as master for reads).
     */
    public Optional<BrokerInstance> servingInstance() {
        return instances.stream().min(Comparator.comparingLong(BrokerInstance::brokerId));
    }
}

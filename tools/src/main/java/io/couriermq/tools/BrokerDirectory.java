package io.couriermq.tools;

import io.couriermq.proto.namesrv.v1.BrokerData;

import java.util.Comparator;
import java.util.List;

/**
 * The brokers a NameServer answer names, sorted by cluster, broker name and id, and the lookups commands need:
 * the masters of a cluster ({@code -c}) and one broker by address ({@code -b}).
 */
final class BrokerDirectory {

    private static final Comparator<Broker> ORDER = Comparator.comparing(Broker::clusterName)
            .thenComparing(Broker::brokerName).thenComparingLong(Broker::brokerId);

    private final List<Broker> brokers;

    BrokerDirectory(List<BrokerData> groups) {
        this.brokers = Broker.of(groups).stream().sorted(ORDER).toList();
    }

    List<Broker> all() {
        return brokers;
    }

    List<Broker> masters() {
        return brokers.stream().filter(Broker::isMaster).toList();
    }

    /** Every instance of a cluster, masters and slaves. */
    List<Broker> inCluster(String cluster) {
        List<Broker> members = brokers.stream().filter(b -> b.clusterName().equals(cluster)).toList();
        if (members.isEmpty()) {
            throw new AdminException("cluster " + cluster + " does not exist");
        }
        return members;
    }

    List<Broker> mastersOf(String cluster) {
        List<Broker> masters = inCluster(cluster).stream().filter(Broker::isMaster).toList();
        if (masters.isEmpty()) {
            throw new AdminException("cluster " + cluster + " has no live master");
        }
        return masters;
    }

    /** The instance with this gRPC address (as routes and clusterList show it) or, failing that, admin address. */
    Broker byAddress(String address) {
        return brokers.stream().filter(b -> b.grpcAddress().equals(address)).findFirst()
                .or(() -> brokers.stream().filter(b -> b.adminAddress().equals(address)).findFirst())
                .orElseThrow(() -> new AdminException("no broker with address " + address
                        + " is registered with the NameServer"));
    }
}

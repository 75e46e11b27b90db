package io.couriermq.tools;

import io.couriermq.proto.namesrv.v1.BrokerData;
import io.couriermq.proto.namesrv.v1.BrokerInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One live broker instance as the NameServer lists it: who it is and where its gRPC service (the address users know
 * it by, as in RocketMQ's routes) and its REST admin API listen.
 *
 * @param adminAddress {@code host:port} of the REST admin API; empty while the broker has not published it yet
 */
record Broker(String clusterName, String brokerName, long brokerId, String role, String grpcAddress,
              String adminAddress, Instant lastHeartbeat, long maxPhysicalOffset) {

    /** RocketMQ's MixAll.MASTER_ID: the instance of a broker group that takes writes. */
    static final long MASTER_ID = 0;

    boolean isMaster() {
        return brokerId == MASTER_ID;
    }

    /** Every instance of the given broker groups. */
    static List<Broker> of(List<BrokerData> groups) {
        List<Broker> brokers = new ArrayList<>();
        for (BrokerData group : groups) {
            for (BrokerInstance instance : group.getInstancesList()) {
                brokers.add(new Broker(group.getClusterName(), group.getBrokerName(), instance.getBrokerId(),
                        instance.getRole().name(), instance.getEndpoints().getGrpcAddress(),
                        instance.getEndpoints().getAdminAddress(),
                        Instant.ofEpochSecond(instance.getLastHeartbeat().getSeconds(),
                                instance.getLastHeartbeat().getNanos()),
                        instance.getMaxPhysicalOffset()));
            }
        }
        return brokers;
    }
}

package io.couriermq.server.route;

import java.time.Instant;
import java.util.Objects;

/**
 * One live broker instance within a broker group.
 *
 * @param brokerId          0 for the master, positive for slaves
 * @param grpcAddress       host:port of its RocketMQ v2 gRPC service, what clients connect to
 * @param adminAddress      host:port of its REST admin API; may be empty
 * @param haAddress         host:port slaves replicate from; empty if it accepts no slaves
 * @param permission        permission bits of the broker as a whole ({@link PermBits})
 * @param lastHeartbeat     when its latest registration arrived
 * @param maxPhysicalOffset end of its commit log in bytes, as last reported
 */
public record BrokerInstance(long brokerId, BrokerRole role, String grpcAddress, String adminAddress,
                             String haAddress, int permission, Instant lastHeartbeat, long maxPhysicalOffset) {

    public static final long MASTER_ID = 0;

    public BrokerInstance {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(grpcAddress, "grpcAddress");
        Objects.requireNonNull(adminAddress, "adminAddress");
        Objects.requireNonNull(haAddress, "haAddress");
        Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
    }

    public boolean isMaster() {
        return brokerId == MASTER_ID;
    }
}

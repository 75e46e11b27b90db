package io.couriermq.broker.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The broker's replication settings, under the same {@code courier.broker.*} prefix and RocketMQ names as
 * {@link BrokerProperties} (kept apart so that replication has one place). Durations given as bare numbers are
 * milliseconds, as RocketMQ writes them ({@code slaveTimeout=3000}).
 *
 * @param haListenPort            where a master accepts its slaves; -1 (the default) means {@code grpcPort + 1},
 *                                as RocketMQ's is {@code listenPort + 1}: 8082 beside the default gRPC port 8081,
 *                                and a free port when {@code grpcPort} is 0
 * @param haMasterAddress         {@code host:port} of the master's HA port for a slave; empty (the default) means
 *                                the slave learns it from the NameServers' answer to its registration
 * @param haSendHeartbeatInterval a slave acknowledges, and an idle master sends a heartbeat, at least this often
 * @param haHousekeepingInterval  a replication connection silent for this long is considered dead and dropped
 * @param haTransferBatchSize     most commit log bytes a master sends in one frame
 * @param haMaxGapNotInSync       a slave further behind than this many bytes no longer counts for SYNC_MASTER
 *                                acknowledgements
 * @param slaveTimeout            how long a SYNC_MASTER send waits for its slave before it fails with
 *                                SLAVE_PERSISTENCE_TIMEOUT
 */
@Validated
@ConfigurationProperties("courier.broker")
public record ReplicationProperties(
        @DefaultValue("-1") @Min(-1) @Max(65535) int haListenPort,
        @DefaultValue("") String haMasterAddress,
        @DefaultValue("5s") @NotNull Duration haSendHeartbeatInterval,
        @DefaultValue("20s") @NotNull Duration haHousekeepingInterval,
        @DefaultValue("32768") @Min(1024) int haTransferBatchSize,
        @DefaultValue("268435456") @Min(1) long haMaxGapNotInSync,
        @DefaultValue("3s") @NotNull Duration slaveTimeout) {

    /** The port the HA server binds: {@link #haListenPort} if set, else the gRPC port plus one (0 stays 0). */
    public int haPort(int grpcPort) {
        if (haListenPort >= 0) {
            return haListenPort;
        }
        return grpcPort == 0 ? 0 : grpcPort + 1;
    }
}

package io.couriermq.ha;

import io.couriermq.ha.wire.FrameDescriptor;
import io.couriermq.store.ByteSize;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link ReplicationMaster} or {@link ReplicationSlave} is configured with, immutable and validated
 * when built. Defaults live in {@link Builder} and nowhere else; they follow RocketMQ's where it has one.
 *
 * @param listenAddress     where the master accepts slaves (RocketMQ: haListenPort, the broker's listenPort + 1);
 *                          port 0 picks a free port, see {@link ReplicationMaster#localAddress()}
 * @param slaveId           how a slave names itself to the master, for status and logs (the broker passes its
 *                          name and id)
 * @param transferBatchSize most log bytes the master sends in one frame (RocketMQ: haTransferBatchSize, 32 KiB)
 * @param heartbeatInterval a slave acknowledges at least this often and the master sends a heartbeat when it has
 *                          sent nothing for this long (RocketMQ: haSendHeartbeatInterval, 5 s)
 * @param connectTimeout    how long a slave waits for a TCP connection to the master
 * @param idleTimeout       a connection that delivered nothing for this long is dead and is closed (RocketMQ:
 *                          haHousekeepingInterval, 20 s); also bounds the wait for a handshake
 * @param reconnectBackoff  how long a slave waits after a failed connection or a refusal before it tries again
 * @param syncTimeout       how long {@link ReplicationMaster#awaitReplicated} waits for slave acknowledgements
 *                          (RocketMQ: slaveTimeout, 3 s)
 * @param minInSyncSlaves   slaves that must acknowledge an offset before {@code awaitReplicated} completes
 * @param maxInSyncLag      a slave further behind than this no longer counts as in sync (RocketMQ:
 *                          haMaxGapNotInSync, 256 MiB)
 * @param clock             wall clock for the acknowledgement times in {@link ReplicationStatus}
 */
public record ReplicationConfig(
        InetSocketAddress listenAddress,
        String slaveId,
        ByteSize transferBatchSize,
        Duration heartbeatInterval,
        Duration connectTimeout,
        Duration idleTimeout,
        Duration reconnectBackoff,
        Duration syncTimeout,
        int minInSyncSlaves,
        ByteSize maxInSyncLag,
        Clock clock) {

    /** The smallest batch worth a frame header; smaller batches only multiply frames and acknowledgements. */
    private static final long MIN_BATCH_BYTES = 1024;

    public ReplicationConfig {
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(slaveId, "slaveId");
        Objects.requireNonNull(transferBatchSize, "transferBatchSize");
        Objects.requireNonNull(maxInSyncLag, "maxInSyncLag");
        Objects.requireNonNull(clock, "clock");
        int slaveIdBytes = slaveId.getBytes(StandardCharsets.UTF_8).length;
        if (slaveIdBytes == 0 || slaveIdBytes > FrameDescriptor.MAX_SLAVE_ID_LENGTH) {
            throw new IllegalArgumentException("slaveId must have 1 to " + FrameDescriptor.MAX_SLAVE_ID_LENGTH
                    + " UTF-8 bytes, had " + slaveIdBytes);
        }
        if (transferBatchSize.bytes() < MIN_BATCH_BYTES
                || transferBatchSize.bytes() > FrameDescriptor.MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("transferBatchSize must be in [" + MIN_BATCH_BYTES + ", "
                    + FrameDescriptor.MAX_DATA_LENGTH + "] bytes, was " + transferBatchSize);
        }
        requirePositive("heartbeatInterval", heartbeatInterval);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("reconnectBackoff", reconnectBackoff);
        requirePositive("syncTimeout", syncTimeout);
        if (idleTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("idleTimeout must be at least twice heartbeatInterval, or a healthy "
                    + "idle connection looks dead: idleTimeout=" + idleTimeout + ", heartbeatInterval="
                    + heartbeatInterval);
        }
        if (minInSyncSlaves < 1) {
            throw new IllegalArgumentException("minInSyncSlaves must be at least 1, was " + minInSyncSlaves);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }

    /** Mutable builder holding the defaults. */
    public static final class Builder {
        private InetSocketAddress listenAddress = new InetSocketAddress(10912);
        private String slaveId = "slave";
        private ByteSize transferBatchSize = ByteSize.ofKibibytes(32);
        private Duration heartbeatInterval = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration idleTimeout = Duration.ofSeconds(20);
        private Duration reconnectBackoff = Duration.ofSeconds(1);
        private Duration syncTimeout = Duration.ofSeconds(3);
        private int minInSyncSlaves = 1;
        private ByteSize maxInSyncLag = ByteSize.ofMebibytes(256);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        private Builder(ReplicationConfig c) {
            listenAddress = c.listenAddress;
            slaveId = c.slaveId;
            transferBatchSize = c.transferBatchSize;
            heartbeatInterval = c.heartbeatInterval;
            connectTimeout = c.connectTimeout;
            idleTimeout = c.idleTimeout;
            reconnectBackoff = c.reconnectBackoff;
            syncTimeout = c.syncTimeout;
            minInSyncSlaves = c.minInSyncSlaves;
            maxInSyncLag = c.maxInSyncLag;
            clock = c.clock;
        }

        public Builder listenAddress(InetSocketAddress v) {
            listenAddress = v;
            return this;
        }

        public Builder slaveId(String v) {
            slaveId = v;
            return this;
        }

        public Builder transferBatchSize(ByteSize v) {
            transferBatchSize = v;
            return this;
        }

        public Builder heartbeatInterval(Duration v) {
            heartbeatInterval = v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        public Builder reconnectBackoff(Duration v) {
            reconnectBackoff = v;
            return this;
        }

        public Builder syncTimeout(Duration v) {
            syncTimeout = v;
            return this;
        }

        public Builder minInSyncSlaves(int v) {
            minInSyncSlaves = v;
            return this;
        }

        public Builder maxInSyncLag(ByteSize v) {
            maxInSyncLag = v;
            return this;
        }

        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        public ReplicationConfig build() {
            return new ReplicationConfig(listenAddress, slaveId, transferBatchSize, heartbeatInterval,
                    connectTimeout, idleTimeout, reconnectBackoff, syncTimeout, minInSyncSlaves, maxInSyncLag, clock);
        }
    }
}

package io.couriermq.ha.master;

import io.couriermq.ha.ReplicationStatus;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * What the master knows of one slave that passed its handshake: written by the I/O thread, read by
 * {@link MasterServer#status()} on any thread. Outlives the connection, so that status still shows a slave that
 * disconnected.
 */
final class ReplicaProgress {

    private final String slaveId;
    private final InetSocketAddress address;
    private volatile boolean connected = true;
    private volatile boolean inSync;
    private volatile long ackedOffset;
    private volatile long flushedOffset;
    private volatile long lastAckMillis;
    /** When the oldest write the slave has not acknowledged happened, or {@link WriteTimeline#NONE}. */
    private volatile long oldestUnackedNanos = WriteTimeline.NONE;

    ReplicaProgress(String slaveId, InetSocketAddress address, long endOffset, long handshakeMillis) {
        this.slaveId = slaveId;
        this.address = address;
        this.ackedOffset = endOffset;
        this.lastAckMillis = handshakeMillis;
    }

    String slaveId() {
        return slaveId;
    }

    boolean connected() {
        return connected;
    }

    boolean inSync() {
        return inSync;
    }

    long ackedOffset() {
        return ackedOffset;
    }

    void onAck(long endOffset, long flushed, long nowMillis) {
        ackedOffset = endOffset;
        flushedOffset = flushed;
        lastAckMillis = nowMillis;
    }

    /** Recomputes what depends on the master's log as well as on the slave's acknowledgements. I/O thread. */
    void refresh(long masterEnd, WriteTimeline timeline, long maxInSyncLagBytes) {
        long acked = ackedOffset;
        inSync = connected && masterEnd - acked <= maxInSyncLagBytes;
        oldestUnackedNanos = acked >= masterEnd ? WriteTimeline.NONE : timeline.oldestWriteAfter(acked);
    }

    void disconnected() {
        connected = false;
        inSync = false;
    }

    ReplicationStatus.Replica snapshot(long masterEnd, long nowNanos) {
        long acked = ackedOffset;
        long oldest = oldestUnackedNanos;
        Duration lagTime = acked >= masterEnd || oldest == WriteTimeline.NONE ? Duration.ZERO
                : Duration.ofNanos(Math.max(0, nowNanos - oldest));
        return new ReplicationStatus.Replica(slaveId, address, connected, inSync, acked, flushedOffset,
                Math.max(0, masterEnd - acked), lagTime, Instant.ofEpochMilli(lastAckMillis));
    }
}

package io.couriermq.ha;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A master's view of its slaves at one moment, for metrics and admin tools.
 *
 * @param masterEndOffset where the master's complete records end
 * @param confirmedOffset the highest offset that {@code minInSyncSlaves} slaves have acknowledged: every
 *                        {@link ReplicationMaster#awaitReplicated} at or below it has completed
 * @param inSyncSlaves    the slaves {@code awaitReplicated} counts on: with fewer than {@code minInSyncSlaves} it
 *                        fails with NO_SLAVE
 * @param slaves          connected slaves, and the last known state of slaves that disconnected
 */
public record ReplicationStatus(long masterEndOffset, long confirmedOffset, int inSyncSlaves, List<Replica> slaves) {

    public ReplicationStatus {
        slaves = List.copyOf(slaves);
    }

    /**
     * One slave.
     *
     * @param slaveId       the id the slave gave in its handshake
     * @param address       the slave's address as the master sees it
     * @param connected     false for a slave that disconnected and has not come back
     * @param inSync        connected and at most {@code maxInSyncLag} behind: it counts for {@code awaitReplicated}
     * @param ackedOffset   where the complete records the slave holds end, as it last acknowledged
     * @param flushedOffset how far the slave's log is on its disk, as it last acknowledged
     * @param lagBytes      {@code masterEndOffset - ackedOffset}
     * @param lagTime       how long ago the oldest write that the slave has not acknowledged was appended to the
     *                      master's log; zero when it has acknowledged everything. Write times are sampled, so
     *                      this may overstate the lag by the sampling interval, never understate it; bytes written
     *                      before the master started count as written when it started
     * @param lastAckTime   when the master last received an acknowledgement (the handshake counts as one)
     */
    public record Replica(String slaveId, InetSocketAddress address, boolean connected, boolean inSync,
                          long ackedOffset, long flushedOffset, long lagBytes, Duration lagTime,
                          Instant lastAckTime) {
    }
}

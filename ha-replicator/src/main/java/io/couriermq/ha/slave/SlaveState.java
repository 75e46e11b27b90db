package io.couriermq.ha.slave;

import io.couriermq.ha.HandshakeStatus;
import io.couriermq.ha.SlaveStatus;
import io.couriermq.store.ReplicationLog;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;

/**
 * What a slave reports about its replication: written by the slave's thread, read by {@code status()} on any
 * thread. The fields are read one by one, so a snapshot taken during a change may mix old and new values.
 */
final class SlaveState {

    private final Clock clock;
    private volatile InetSocketAddress master;
    private volatile boolean connected;
    private volatile HandshakeStatus lastHandshake;
    private volatile String lastError;
    private volatile Instant lastErrorTime;

    SlaveState(Clock clock) {
        this.clock = clock;
    }

    void connecting(InetSocketAddress address) {
        master = address;
        connected = false;
    }

    void accepted() {
        lastHandshake = HandshakeStatus.OK;
        connected = true;
    }

    /**
     * Records a refusal; returns false when the last answer was the same refusal, which need not be logged again
     * (its offsets change as the master writes, so the descriptions differ).
     */
    boolean refused(HandshakeStatus status, String error) {
        boolean fresh = lastHandshake != status;
        failed(error);
        // Written last, so that a reader who sees the refusal also sees its description.
        lastHandshake = status;
        return fresh;
    }

    void disconnected() {
        connected = false;
    }

    /** Records a failure; returns false when it repeats the last one, which need not be logged again. */
    boolean failed(String error) {
        boolean repeated = error.equals(lastError);
        lastError = error;
        lastErrorTime = clock.instant();
        connected = false;
        return !repeated;
    }

    SlaveStatus snapshot(ReplicationLog log) {
        return new SlaveStatus(master, connected, log.endOffset(), log.receivedOffset(), lastHandshake, lastError,
                lastErrorTime);
    }
}

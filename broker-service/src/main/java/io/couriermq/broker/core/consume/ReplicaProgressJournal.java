package io.couriermq.broker.core.consume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Consumer progress on a slave, which serves the v2 consumption calls for its master's messages while the master is
 * down (RocketMQ 5's slave acting as master) but must never write its own log: that log is a byte-for-byte copy of
 * the master's, and one record of its own would fork it, after which the master refuses the slave.
 *
 * <p>Design. Progress has two sources, kept apart:
 * <ul>
 *   <li>The master's acknowledgements and resets arrive in the replicated copy of the master's
 *       {@link ConsumerJournal}. The slave applies them as they arrive ({@link #catchUp}), so when the master goes
 *       down the slave knows what its consumers had finished, up to the replication lag, and does not hand that out
 *       again.</li>
 *   <li>Acknowledgements made on the slave go to a small file of its own beside its configuration
 *       ({@link ReplicaAckLog}), written (and forced, under SYNC_FLUSH) before the client is answered, so they
 *       survive a slave restart as durably as the master's would.</li>
 * </ul>
 * Snapshots cover both: the snapshot records how far the master's journal was applied and the cursors (slave
 * acknowledgements included), after which the slave's file is cut to what came later.
 *
 * <p>The alternatives were worse. Writing acknowledgements to the replicated log breaks replication. Forwarding
 * them to another master (RocketMQ's "escape bridge") needs a writable broker and a cross-broker protocol for an
 * outage path. Keeping them only in memory would redeliver, after a slave restart, everything consumed through it.
 *
 * <p>What this costs: when the master returns, it does not know what was acknowledged on the slave, so those messages
 * are delivered once more from the master. That is the at-least-once delivery RocketMQ gives in the same situation;
 * no acknowledged send is lost and none is delivered fewer times than before.
 *
 * <p>Thread-safe: catching up and snapshots run on the scheduler, appends on any thread.
 */
final class ReplicaProgressJournal extends ProgressJournal {

    private final ConsumerJournal masterJournal;
    private final ReplicaAckLog local;
    /** The next entry of the master's journal to apply. Guarded by {@code this}. */
    private long applied;

    ReplicaProgressJournal(ConsumerJournal masterJournal, ReplicaAckLog local) {
        this.masterJournal = masterJournal;
        this.local = local;
    }

    @Override
    CompletableFuture<Void> append(List<ConsumerJournal.Entry> entries) {
        try {
            local.append(entries);
            return CompletableFuture.completedFuture(null);
        } catch (UncheckedIOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The master's entries from {@code fromOffset} on, then the slave's own: they came later. */
    @Override
    synchronized void replay(long fromOffset, Consumer<ConsumerJournal.Entry> apply) {
        applied = masterJournal.replayFrom(fromOffset, apply);
        local.replay(apply);
    }

    @Override
    synchronized void catchUp(Consumer<ConsumerJournal.Entry> apply) {
        applied = masterJournal.replayFrom(applied, apply);
    }

    @Override
    void snapshot(SnapshotWriter write) throws IOException {
        long localEnd = local.end();
        long masterOffset;
        synchronized (this) {
            masterOffset = applied;
        }
        write.write(masterOffset);
        local.dropBefore(localEnd);
    }

    @Override
    public void close() throws IOException {
        local.close();
    }
}

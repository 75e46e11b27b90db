package io.couriermq.broker.core.consume;

import io.couriermq.store.FlushMode;
import io.couriermq.store.MessageStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where {@link ConsumptionService} makes consumer progress durable, and where it reads it back: on a master the
 * {@link ConsumerJournal} in its own store, on a slave the master's journal as replication copies it plus the
 * slave's own acknowledgements ({@link ReplicaProgressJournal}). Obtained from the factories; only the consumption
 * package calls it.
 */
public abstract sealed class ProgressJournal implements AutoCloseable permits ConsumerJournal, ReplicaProgressJournal {

    /** The journal of a broker that writes its own log. */
    public static ProgressJournal inStore(MessageStore store) {
        return new ConsumerJournal(store);
    }

    /**
     * The progress of a slave: its master's journal, copied by replication, followed as it grows; acknowledgements
     * made on the slave itself go to {@code localFile}, forced to disk before they complete under SYNC_FLUSH.
     */
    public static ProgressJournal onReplica(MessageStore replicaStore, Path localFile, FlushMode flushMode) {
        return new ReplicaProgressJournal(new ConsumerJournal(replicaStore),
                ReplicaAckLog.open(localFile, flushMode == FlushMode.SYNC_FLUSH));
    }

    /** Records an entry; completes once it is durable. */
    final CompletableFuture<Void> append(ConsumerJournal.Entry entry) {
        return append(List.of(entry));
    }

    /** Records the entries together (one record, one force); completes once they are durable. */
    abstract CompletableFuture<Void> append(List<ConsumerJournal.Entry> entries);

    /** Feeds every entry from {@code fromOffset} of the journal on, in order: what a restart replays. */
    abstract void replay(long fromOffset, Consumer<ConsumerJournal.Entry> apply);

    /** Applies entries that arrived since the last call without being appended here; nothing on a master. */
    void catchUp(Consumer<ConsumerJournal.Entry> apply) {
    }

    /**
     * Runs {@code write} with the journal offset a snapshot taken now covers: replay after a restart starts there.
     * Entries recorded while the snapshot is taken may be replayed again; applying an entry twice changes nothing.
     */
    abstract void snapshot(SnapshotWriter write) throws IOException;

    /** Releases what the journal holds open; the store it reads is closed by its owner. */
    @Override
    public void close() throws IOException {
    }

    /** Writes a snapshot that replay is to start from {@code journalOffset} after. */
    @FunctionalInterface
    interface SnapshotWriter {
        void write(long journalOffset) throws IOException;
    }
}

package io.couriermq.ha;

import io.couriermq.ha.master.MasterServer;
import io.couriermq.store.ReplicationLog;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Serves a log to slaves over TCP: each slave connects, proves in its handshake that its log is a prefix of this
 * one, and then receives the log from its offset as it grows, acknowledging what it holds.
 *
 * <p>For a synchronous double write the broker composes the store's append future with
 * {@link #awaitReplicated} for the append's end offset. Replicated means held in the slave's log (as in
 * RocketMQ's SYNC_MASTER), not necessarily flushed there; {@link ReplicationStatus} reports the flushed offsets.
 *
 * <p>Runs two threads, {@code courier-ha-master-io} for all connections and {@code courier-ha-master-timer} for
 * sync timeouts and completions; both stop in {@link #close}, which must come before the store's. Thread-safe.
 */
public final class ReplicationMaster implements AutoCloseable {

    private final MasterServer server;

    private ReplicationMaster(MasterServer server) {
        this.server = server;
    }

    /**
     * Listens on {@link ReplicationConfig#listenAddress()} and serves {@code log} to the slaves that connect.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static ReplicationMaster start(ReplicationLog log, ReplicationConfig config) {
        return new ReplicationMaster(MasterServer.start(log, config));
    }

    /** The address slaves connect to: the listen address with the port actually bound. */
    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    /**
     * Completes when {@link ReplicationConfig#minInSyncSlaves()} slaves acknowledged holding the log up to
     * {@code offset}. Fails with a {@link ReplicationException}: at once with NO_SLAVE when fewer slaves are in
     * sync (or as soon as they drop below while waiting), with TIMEOUT after {@link ReplicationConfig#syncTimeout()},
     * and with CLOSED once the master is closed. Never blocks the caller; a future not returned already complete
     * completes on the master's timer thread, so dependent stages must be cheap or async.
     */
    public CompletableFuture<Void> awaitReplicated(long offset) {
        return server.awaitReplicated(offset);
    }

    /** A snapshot of the slaves' progress. */
    public ReplicationStatus status() {
        return server.status();
    }

    /** Disconnects every slave, stops listening, fails pending waits with CLOSED and joins the threads. */
    @Override
    public void close() {
        server.close();
    }
}

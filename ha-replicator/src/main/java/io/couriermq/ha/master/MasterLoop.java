package io.couriermq.ha.master;

import io.couriermq.ha.ReplicationConfig;
import io.couriermq.store.ReplicationLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of the master's I/O thread: one selector serves the listening socket and every slave connection.
 * Each turn samples the log's growth, lets every session send what it can, publishes the slaves' progress to the
 * sync waiters, then waits for the network, for a housekeeping deadline, or (when some slave has the whole log)
 * for the log to grow.
 *
 * <p>Design note: a single thread does all network work for all slaves. A broker has one or two slaves, each
 * connection is non-blocking, and the work per byte is a copy from the log's mapping into a socket buffer, so a
 * thread per slave would add only context switches on a two-core machine. The store's writing thread never
 * touches a socket: it only wakes this thread through {@link GrowthSignal}.
 */
final class MasterLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(MasterLoop.class);
    /** Enough growth samples for a few seconds of lag at full speed before old samples merge. */
    private static final int TIMELINE_SAMPLES = 4096;

    private final Selector selector;
    private final ServerSocketChannel server;
    private final ReplicationLog log;
    private final ReplicationConfig config;
    private final GrowthSignal growth;
    private final ReplicaRegistry registry;
    private final SyncWaiters waiters;
    private final WriteTimeline timeline;
    private final List<SlaveSession> sessions = new ArrayList<>();
    private final RefusalLog refusals = new RefusalLog();
    private volatile boolean running = true;
    /** The log's end at the start of the current turn. */
    private long turnEnd;

    MasterLoop(Selector selector, ServerSocketChannel server, ReplicationLog log, ReplicationConfig config,
               GrowthSignal growth, ReplicaRegistry registry, SyncWaiters waiters) {
        this.selector = selector;
        this.server = server;
        this.log = log;
        this.config = config;
        this.growth = growth;
        this.registry = registry;
        this.waiters = waiters;
        this.timeline = new WriteTimeline(TIMELINE_SAMPLES, log.endOffset(), System.nanoTime());
    }

    @Override
    public void run() {
        try {
            while (running) {
                turn();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("replication master stopped on a selector failure; slaves are disconnected", e);
        } finally {
            for (SlaveSession session : sessions) {
                end(session);
            }
            sessions.clear();
            closeQuietly(server);
            closeQuietly(selector);
        }
    }

    /** Asks the thread to finish its turn and close every connection. Any thread. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    private void turn() throws IOException {
        long now = System.nanoTime();
        sampleGrowth(now);
        boolean waitingForGrowth = false;
        boolean more = false;
        for (SlaveSession session : List.copyOf(sessions)) {
            SlaveSession.Pump pump = pump(session, now);
            waitingForGrowth |= pump == SlaveSession.Pump.WAITING_FOR_GROWTH;
            more |= pump == SlaveSession.Pump.MORE;
        }
        publishProgress();
        select(now, waitingForGrowth, more);
        now = System.nanoTime();
        for (SelectionKey key : selector.selectedKeys()) {
            if (key.isValid() && key.attachment() instanceof SlaveSession session && key.isReadable()) {
                read(session, now);
            } else if (key.isValid() && key.isAcceptable()) {
                accept(now);
            }
        }
        selector.selectedKeys().clear();
        for (SlaveSession session : List.copyOf(sessions)) {
            housekeeping(session, now);
        }
    }

    private void sampleGrowth(long now) {
        long firstGrowth = growth.takeFirstGrowthNanos();
        turnEnd = log.endOffset();
        timeline.record(turnEnd, firstGrowth == WriteTimeline.NONE || firstGrowth - now > 0 ? now : firstGrowth);
    }

    private void publishProgress() {
        long end = log.endOffset();
        List<ReplicaProgress> replicas = registry.all();
        long[] acked = new long[replicas.size()];
        int connected = 0;
        int inSync = 0;
        for (ReplicaProgress replica : replicas) {
            replica.refresh(end, timeline, config.maxInSyncLag().bytes());
            if (replica.connected()) {
                acked[connected++] = replica.ackedOffset();
            }
            if (replica.inSync()) {
                inSync++;
            }
        }
        waiters.onProgress(AckQuorum.confirmedOffset(acked, connected, config.minInSyncSlaves()), inSync);
    }

    private void select(long now, boolean waitingForGrowth, boolean more) throws IOException {
        if (more) {
            selector.selectNow();
            return;
        }
        if (waitingForGrowth) {
            growth.arm();
            // An append after this check finds the signal armed and wakes the selector.
            if (log.endOffset() != turnEnd) {
                growth.disarm();
                selector.selectNow();
                return;
            }
        }
        long deadline = nextDeadlineNanos();
        if (deadline == Long.MAX_VALUE) {
            selector.select();
        } else {
            selector.select(Math.max(1, (deadline - now) / 1_000_000 + 1));
        }
        growth.disarm();
    }

    private long nextDeadlineNanos() {
        long deadline = Long.MAX_VALUE;
        for (SlaveSession session : sessions) {
            deadline = Math.min(deadline, session.nextDeadlineNanos());
        }
        return deadline;
    }

    private void accept(long now) {
        SocketChannel channel = null;
        try {
            channel = server.accept();
            if (channel == null) {
                return;
            }
            channel.configureBlocking(false);
            // Acknowledgements and small batches must not wait for Nagle's timer: sync writes wait on them.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            SlaveSession session = new SlaveSession(channel, key, (InetSocketAddress) channel.getRemoteAddress(),
                    log, registry, refusals, config, now);
            key.attach(session);
            sessions.add(session);
        } catch (IOException e) {
            LOG.warn("accepting a slave connection failed", e);
            closeQuietly(channel);
        }
    }

    private SlaveSession.Pump pump(SlaveSession session, long now) {
        try {
            SlaveSession.Pump pump = session.pump(now);
            if (pump == SlaveSession.Pump.DONE) {
                drop(session);
            }
            return pump;
        } catch (IOException | RuntimeException e) {
            drop(session, e);
            return SlaveSession.Pump.DONE;
        }
    }

    private void read(SlaveSession session, long now) {
        try {
            session.onReadable(now);
        } catch (IOException | RuntimeException e) {
            drop(session, e);
        }
    }

    private void housekeeping(SlaveSession session, long now) {
        try {
            session.housekeeping(now);
        } catch (IOException | RuntimeException e) {
            drop(session, e);
        }
    }

    private void drop(SlaveSession session, Exception cause) {
        if (cause instanceof EOFException) {
            LOG.info("{}", cause.getMessage());
        } else if (cause instanceof IOException) {
            LOG.warn("dropping {}: {}", session, cause.toString());
        } else {
            LOG.error("dropping {} after an unexpected failure", session, cause);
        }
        drop(session);
    }

    private void drop(SlaveSession session) {
        sessions.remove(session);
        end(session);
    }

    private void end(SlaveSession session) {
        session.close();
        if (session.progress() != null) {
            registry.departed(session.progress());
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", closeable, e);
        }
    }
}

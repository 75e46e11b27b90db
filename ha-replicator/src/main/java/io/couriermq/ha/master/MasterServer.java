package io.couriermq.ha.master;

import io.couriermq.ha.ReplicationConfig;
import io.couriermq.ha.ReplicationStatus;
import io.couriermq.store.ReplicationLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The replication master behind {@link io.couriermq.ha.ReplicationMaster}: owns the listening socket, the I/O
 * thread ({@value #IO_THREAD}, running {@link MasterLoop}) and the timer thread ({@value #TIMER_THREAD}, which
 * times out and completes {@code awaitReplicated} futures). Public only for that facade.
 *
 * <p>Thread-safe: any thread may call {@link #awaitReplicated}, {@link #status} and {@link #close}.
 */
public final class MasterServer implements AutoCloseable {

    static final String IO_THREAD = "courier-ha-master-io";
    static final String TIMER_THREAD = "courier-ha-master-timer";
    private static final Logger LOG = LoggerFactory.getLogger(MasterServer.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final ReplicationLog log;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final InetSocketAddress localAddress;
    private final GrowthSignal growth;
    /** Set once at start; closing it stops the store from calling {@link #growth}. */
    private volatile AutoCloseable growthSubscription;
    private final ReplicaRegistry registry = new ReplicaRegistry();
    private final NamedThreadFactory timerThreads = new NamedThreadFactory(TIMER_THREAD);
    private final ScheduledThreadPoolExecutor timer;
    private final SyncWaiters waiters;
    private final MasterLoop loop;
    private final Thread ioThread;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MasterServer(ReplicationLog log, ReplicationConfig config, Selector selector, ServerSocketChannel server)
            throws IOException {
        this.log = log;
        this.selector = selector;
        this.server = server;
        this.localAddress = (InetSocketAddress) server.getLocalAddress();
        this.growth = new GrowthSignal(selector);
        this.timer = new ScheduledThreadPoolExecutor(1, timerThreads);
        timer.setRemoveOnCancelPolicy(true);
        // On close, pending completions still run; timeouts go, their waiters having failed with CLOSED.
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.waiters = new SyncWaiters(timer, config.syncTimeout(), config.minInSyncSlaves());
        this.loop = new MasterLoop(selector, server, log, config, growth, registry, waiters);
        this.ioThread = new Thread(loop, IO_THREAD);
        ioThread.setDaemon(true);
    }

    /**
     * Binds the listening socket and starts serving slaves.
     *
     * @throws UncheckedIOException if the listen address cannot be bound
     */
    public static MasterServer start(ReplicationLog log, ReplicationConfig config) {
        Selector selector = null;
        ServerSocketChannel server = null;
        try {
            selector = Selector.open();
            server = ServerSocketChannel.open();
            // A restarted master must be able to bind its port while old connections linger in TIME_WAIT.
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(config.listenAddress());
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            MasterServer master = new MasterServer(log, config, selector, server);
            master.growthSubscription = log.addGrowthListener(master.growth);
            master.ioThread.start();
            LOG.info("replication master listening on {}", master.localAddress);
            return master;
        } catch (IOException e) {
            closeQuietly(server);
            closeQuietly(selector);
            throw new UncheckedIOException("cannot listen for slaves on " + config.listenAddress() + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(server);
            closeQuietly(selector);
            throw e;
        }
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public CompletableFuture<Void> awaitReplicated(long offset) {
        return waiters.await(offset);
    }

    public ReplicationStatus status() {
        long end = log.endOffset();
        long now = System.nanoTime();
        List<ReplicationStatus.Replica> replicas = new ArrayList<>();
        for (ReplicaProgress replica : registry.all()) {
            replicas.add(replica.snapshot(end, now));
        }
        return new ReplicationStatus(end, waiters.confirmedOffset(), waiters.inSyncSlaves(), replicas);
    }

    /**
     * Stops serving: closes every connection and the listening socket, fails pending waits with CLOSED, and
     * joins both threads. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Exception> failures = new ArrayList<>();
        try {
            growthSubscription.close();
        } catch (Exception e) {
            failures.add(e);
        }
        loop.stop();
        join(ioThread, failures);
        // The I/O thread closes them on its way out; this covers a thread that did not stop in time.
        closeQuietly(server);
        closeQuietly(selector);
        waiters.close();
        timer.shutdown();
        try {
            if (!timer.awaitTermination(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    || !timerThreads.joinAll(JOIN_TIMEOUT)) {
                failures.add(new IllegalStateException(TIMER_THREAD + " did not stop within " + JOIN_TIMEOUT));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(e);
        }
        LOG.info("replication master on {} closed", localAddress);
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("replication master did not close cleanly");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static void join(Thread thread, List<Exception> failures) {
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
            if (thread.isAlive()) {
                failures.add(new IllegalStateException(thread.getName() + " did not stop within " + JOIN_TIMEOUT));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(e);
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

package io.couriermq.ha.slave;

import io.couriermq.ha.ReplicationConfig;
import io.couriermq.ha.SlaveStatus;
import io.couriermq.ha.wire.FrameDescriptor;
import io.couriermq.ha.wire.FrameReader;
import io.couriermq.store.ReplicationLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The replication slave behind {@link io.couriermq.ha.ReplicationSlave}: one thread ({@value #THREAD}) that
 * connects to the master the supplier names, streams through a {@link MasterConnection} until it ends, waits the
 * reconnect backoff, and starts again from wherever the log is. It never truncates or rewrites the log: a
 * refused slave keeps its bytes and retries, so an operator can see the refusal in {@link #status()}.
 * Public only for that facade.
 *
 * <p>Thread-safe: any thread may call {@link #status()} and {@link #close()}.
 */
public final class SlaveRunner implements AutoCloseable {

    static final String THREAD = "courier-ha-slave";
    private static final Logger LOG = LoggerFactory.getLogger(SlaveRunner.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final ReplicationLog log;
    private final Supplier<InetSocketAddress> masterAddress;
    private final ReplicationConfig config;
    private final SlaveState state;
    /** The thread's one wait primitive: connections, backoff and {@link #close()}'s wake-up all go through it. */
    private final Selector selector;
    /** Reused by every connection: it holds a largest DATA frame, too large to allocate per retry. */
    private final FrameReader reader = new FrameReader(FrameDescriptor.MAX_FRAME_LENGTH);
    private final Thread thread;
    private volatile boolean stopping;
    private boolean closed;

    private SlaveRunner(ReplicationLog log, Supplier<InetSocketAddress> masterAddress, ReplicationConfig config,
                        Selector selector) {
        this.log = log;
        this.masterAddress = masterAddress;
        this.config = config;
        this.state = new SlaveState(config.clock());
        this.selector = selector;
        this.thread = new Thread(this::run, THREAD);
        thread.setDaemon(true);
    }

    public static SlaveRunner start(ReplicationLog log, Supplier<InetSocketAddress> masterAddress,
                                    ReplicationConfig config) {
        try {
            SlaveRunner runner = new SlaveRunner(log, masterAddress, config, Selector.open());
            runner.thread.start();
            return runner;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the replication slave: " + e, e);
        }
    }

    public SlaveStatus status() {
        return state.snapshot(log);
    }

    /** Disconnects from the master and joins the thread. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        selector.wakeup();
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the slave's selector failed", e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException(THREAD + " did not stop within " + JOIN_TIMEOUT);
        }
    }

    private void run() {
        while (!stopping) {
            InetSocketAddress master = resolveMaster();
            boolean masterMoved = master != null && replicateFrom(master);
            if (!stopping && !masterMoved) {
                waitBackoff();
            }
        }
    }

    private InetSocketAddress resolveMaster() {
        try {
            InetSocketAddress master = masterAddress.get();
            if (master == null) {
                report("no master address known", null);
            }
            return master;
        } catch (RuntimeException e) {
            report("the master address supplier failed: " + e, e);
            return null;
        }
    }

    /** Replicates until the connection ends; returns true when it ended because the master's address changed. */
    private boolean replicateFrom(InetSocketAddress master) {
        state.connecting(master);
        try (MasterConnection connection = MasterConnection.open(selector, reader, master, log, config,
                state, () -> stopping)) {
            connection.run(() -> stopping, masterAddress);
            return !stopping;
        } catch (MasterRefusedException e) {
            log(state.refused(e.status(), e.getMessage()), e.getMessage(), null);
        } catch (IOException e) {
            if (!stopping) {
                report("replication from master " + master + " broke: " + e, e);
            }
        } catch (RuntimeException e) {
            // The store refused the bytes (CORRUPT_RECORD, or a segment size that differs from the master's).
            report("replication from master " + master + " failed: " + e, e);
        }
        return false;
    }

    /** Records a failure in the status, and logs it unless it repeats the last one. */
    private void report(String error, Exception cause) {
        log(state.failed(error), error, cause);
    }

    private void log(boolean fresh, String error, Exception cause) {
        if (fresh) {
            if (cause == null || cause instanceof IOException) {
                LOG.warn("{}; retrying every {}", error, config.reconnectBackoff());
            } else {
                LOG.error("{}; retrying every {}", error, config.reconnectBackoff(), cause);
            }
        } else {
            LOG.debug("{} (again)", error);
        }
    }

    private void waitBackoff() {
        long deadline = System.nanoTime() + config.reconnectBackoff().toNanos();
        try {
            for (long left = deadline - System.nanoTime(); left > 0 && !stopping; left = deadline - System.nanoTime()) {
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            LOG.error("the slave's selector failed; stopping replication", e);
            stopping = true;
        }
    }
}

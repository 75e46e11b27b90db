package io.couriermq.ha;

import io.couriermq.ha.slave.SlaveRunner;
import io.couriermq.store.ReplicationLog;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * Keeps a log a copy of a master's: connects, shows the master where its log ends and a checksum of its last
 * bytes, appends what the master streams and acknowledges it. After any break it reconnects after
 * {@link ReplicationConfig#reconnectBackoff()} and resumes where its log ends. A master that refuses the handshake
 * (see {@link HandshakeStatus}) leaves the log untouched: the slave reports the refusal in {@link #status()} and
 * the log, and keeps retrying, but never truncates or merges on its own.
 *
 * <p>The log's store must use the master's commit log segment size, must take no appends of its own, and must
 * be closed after the slave. Runs one thread, {@code courier-ha-slave}, which stops in {@link #close()}.
 * Thread-safe.
 */
public final class ReplicationSlave implements AutoCloseable {

    private final SlaveRunner runner;

    private ReplicationSlave(SlaveRunner runner) {
        this.runner = runner;
    }

    /**
     * @param masterAddress asked before each connection and every heartbeat interval while connected, so the broker
     *                      can move the slave to another master; may return null while no master is known
     */
    public static ReplicationSlave start(ReplicationLog log, Supplier<InetSocketAddress> masterAddress,
                                         ReplicationConfig config) {
        return new ReplicationSlave(SlaveRunner.start(log, masterAddress, config));
    }

    public SlaveStatus status() {
        return runner.status();
    }

    /** Disconnects and joins the slave's thread. */
    @Override
    public void close() {
        runner.close();
    }
}

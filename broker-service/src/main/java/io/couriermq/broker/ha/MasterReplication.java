package io.couriermq.broker.ha;

import io.couriermq.broker.core.produce.MessageAppender;
import io.couriermq.ha.ReplicationConfig;
import io.couriermq.ha.ReplicationMaster;
import io.couriermq.ha.ReplicationStatus;
import io.couriermq.store.MessageStore;

import java.util.concurrent.Executor;

/**
 * A master's replication: a {@link ReplicationMaster} serving the store's log on the HA port. An ASYNC_MASTER
 * acknowledges a send once the store has it; a SYNC_MASTER also waits for a slave ({@link SyncDoubleWrite}).
 */
public final class MasterReplication implements BrokerReplication {

    private final ReplicationMaster master;
    private final MessageAppender appender;
    private final String haAddress;
    private final boolean sync;

    private MasterReplication(ReplicationMaster master, MessageAppender appender, String haAddress, boolean sync) {
        this.master = master;
        this.appender = appender;
        this.haAddress = haAddress;
        this.sync = sync;
    }

    /**
     * Binds the HA port and starts serving.
     *
     * @param sync           SYNC_MASTER: sends complete only once a slave holds them
     * @param advertisedHost the host slaves reach this broker at
     * @param completions    runs what follows a slave's acknowledgement, off the replication threads
     */
    public static MasterReplication start(MessageStore store, ReplicationConfig config, boolean sync,
                                          String advertisedHost, Executor completions) {
        ReplicationMaster master = ReplicationMaster.start(store.replicationLog(), config);
        MessageAppender appender = sync ? new SyncDoubleWrite(store, master, completions) : store::append;
        return new MasterReplication(master, appender, advertisedHost + ":" + master.localAddress().getPort(), sync);
    }

    @Override
    public MessageAppender appender() {
        return appender;
    }

    @Override
    public String haAddress() {
        return haAddress;
    }

    /** True for a SYNC_MASTER. */
    public boolean sync() {
        return sync;
    }

    /** The slaves' progress. */
    public ReplicationStatus status() {
        return master.status();
    }

    @Override
    public void close() {
        master.close();
    }
}

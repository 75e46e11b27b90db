package io.couriermq.broker.ha;

import io.couriermq.broker.core.produce.MessageAppender;

/**
 * The replication half of a broker's role. A master (ASYNC_MASTER or SYNC_MASTER) serves its commit log to slaves
 * on its HA port; a SLAVE follows its master's log and takes no sends. Started after the store and closed before
 * it.
 */
public sealed interface BrokerReplication extends AutoCloseable permits MasterReplication, SlaveReplication {

    /** How accepted sends are written, and when they count as done, in this role. */
    MessageAppender appender();

    /** {@code host:port} slaves replicate from, for the NameServer registration; empty for a slave. */
    String haAddress();

    @Override
    void close();
}

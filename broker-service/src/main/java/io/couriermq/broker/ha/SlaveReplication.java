package io.couriermq.broker.ha;

import io.couriermq.broker.core.produce.MessageAppender;
import io.couriermq.broker.core.produce.SendException;
import io.couriermq.ha.ReplicationConfig;
import io.couriermq.ha.ReplicationSlave;
import io.couriermq.ha.SlaveStatus;
import io.couriermq.store.MessageStore;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A slave's replication: a {@link ReplicationSlave} keeps the store's log a copy of the master's, and sends are
 * refused (the store itself is opened as a replica and would refuse them too). The copied log brings the master's
 * messages and its consumer progress journal; topics and groups come through {@link MasterConfigSync}.
 */
public final class SlaveReplication implements BrokerReplication {

    private final ReplicationSlave slave;
    private final MessageAppender refusal;

    private SlaveReplication(ReplicationSlave slave, MessageAppender refusal) {
        this.slave = slave;
        this.refusal = refusal;
    }

    /**
     * Starts following the master.
     *
     * @param haMasterAddress the master's HA {@code host:port} as configured, or empty to use {@code learned}
     * @param learned         the master's HA address as the NameServers last named it
     * @param selfName        how refusals name this broker, e.g. {@code broker-a (brokerId 1)}
     * @throws IllegalArgumentException if {@code haMasterAddress} is not {@code host:port}
     */
    public static SlaveReplication start(MessageStore store, ReplicationConfig config, String haMasterAddress,
                                         Supplier<Optional<String>> learned, String selfName) {
        MasterLocator master = new MasterLocator(haMasterAddress, learned);
        String refusal = selfName + " is a SLAVE: it takes no sends; producers send to its master";
        return new SlaveReplication(ReplicationSlave.start(store.replicationLog(), master, config),
                message -> CompletableFuture.failedFuture(
                        new SendException(SendException.Reason.NOT_WRITABLE, refusal)));
    }

    @Override
    public MessageAppender appender() {
        return refusal;
    }

    @Override
    public String haAddress() {
        return "";
    }

    /** How the copy is going. */
    public SlaveStatus status() {
        return slave.status();
    }

    @Override
    public void close() {
        slave.close();
    }
}

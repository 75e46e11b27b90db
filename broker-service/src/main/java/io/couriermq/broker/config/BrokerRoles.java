package io.couriermq.broker.config;

import io.couriermq.broker.ha.BrokerReplication;
import io.couriermq.broker.ha.MasterReplication;
import io.couriermq.broker.ha.SlaveReplication;
import io.couriermq.broker.route.NameServerRegistrar;
import io.couriermq.ha.ReplicationConfig;
import io.couriermq.store.ByteSize;
import io.couriermq.store.MessageStore;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/**
 * RocketMQ's rules for {@code brokerRole} and {@code brokerId}, and the replication each role runs: ASYNC_MASTER
 * and SYNC_MASTER serve their log to slaves on the HA port, a SLAVE copies its master's.
 */
final class BrokerRoles {

    private BrokerRoles() {
    }

    /**
     * A master is broker id 0 and a slave any positive id, as in RocketMQ; a configuration that says otherwise is
     * refused at start with the values named (RocketMQ silently turns a master's id into 0, which hides a slave
     * configured with the wrong role).
     */
    static void check(BrokerProperties p) {
        if (isSlave(p) && p.brokerId() <= 0) {
            throw new IllegalArgumentException("brokerRole=SLAVE needs a brokerId above 0 (0 is the master's), was "
                    + p.brokerId());
        }
        if (!isSlave(p) && p.brokerId() != 0) {
            throw new IllegalArgumentException("brokerRole=" + p.brokerRole() + " needs brokerId=0 (a master's id),"
                    + " was " + p.brokerId());
        }
    }

    static boolean isSlave(BrokerProperties p) {
        return p.brokerRole() == BrokerProperties.BrokerRoleSetting.SLAVE;
    }

    static BrokerReplication startReplication(BrokerProperties p, ReplicationProperties r, MessageStore store,
                                              String advertisedHost, NameServerRegistrar registrar,
                                              Executor completions) {
        ReplicationConfig config = replicationConfig(p, r);
        if (isSlave(p)) {
            return SlaveReplication.start(store, config, r.haMasterAddress(),
                    () -> registrar.master().map(NameServerRegistrar.MasterEndpoints::haAddress),
                    p.brokerName() + " (brokerId " + p.brokerId() + ")");
        }
        boolean sync = p.brokerRole() == BrokerProperties.BrokerRoleSetting.SYNC_MASTER;
        return MasterReplication.start(store, config, sync, advertisedHost, completions);
    }

    /** The replicator's settings under their RocketMQ names; a slave names itself {@code brokerName/brokerId}. */
    static ReplicationConfig replicationConfig(BrokerProperties p, ReplicationProperties r) {
        return ReplicationConfig.builder()
                .listenAddress(new InetSocketAddress(p.bindAddress(), r.haPort(p.grpcPort())))
                .slaveId(p.brokerName() + "/" + p.brokerId())
                .transferBatchSize(ByteSize.ofBytes(r.haTransferBatchSize()))
                .heartbeatInterval(r.haSendHeartbeatInterval())
                .idleTimeout(r.haHousekeepingInterval())
                .syncTimeout(r.slaveTimeout())
                .maxInSyncLag(ByteSize.ofBytes(r.haMaxGapNotInSync()))
                .build();
    }
}

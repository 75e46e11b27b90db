package io.couriermq.server.route;

/** How a broker instance takes part in replication. Masters have broker id 0, slaves positive ids. */
public enum BrokerRole {
    ASYNC_MASTER, SYNC_MASTER, SLAVE;

    public boolean isMaster() {
        return this != SLAVE;
    }
}

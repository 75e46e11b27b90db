package io.couriermq.broker.config;

import io.couriermq.server.launch.KeyTable;
import io.couriermq.server.launch.RocketMqLaunch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker's one translation table from RocketMQ's broker properties ({@code broker-a.properties}) to
 * {@link BrokerProperties} and {@link ReplicationProperties}. Most keys keep their name under
 * {@code courier.broker.}; {@code listenPort} is the gRPC port clients use, with the HTTP port (REST admin,
 * actuator) at {@code listenPort - 1} unless {@code server.port} is set, and the HA port at {@code listenPort + 1}
 * unless {@code haListenPort} is set, as in RocketMQ.
 */
public final class RocketMqBrokerKeys {

    private static final String PREFIX = "courier.broker.";

    /** Keys whose names are the same on both sides. */
    private static final List<String> SAME_NAME = List.of(
            "brokerClusterName", "brokerName", "brokerId", "brokerRole", "flushDiskType", "namesrvAddr",
            "storePathRootDir", "mappedFileSizeCommitLog", "maxMessageSize", "flushIntervalCommitLog",
            "syncFlushTimeout", "deleteWhen", "fileReservedTime", "diskMaxUsedSpaceRatio", "autoCreateTopicEnable",
            "defaultTopicQueueNums", "autoCreateSubscriptionGroup",
            "haListenPort", "haMasterAddress", "haSendHeartbeatInterval", "haHousekeepingInterval",
            "haTransferBatchSize", "haMaxGapNotInSync", "slaveTimeout");

    /** The Spring property {@code -n} sets. */
    static final String NAMESRV_ADDR = PREFIX + "namesrvAddr";

    static final KeyTable TABLE = new KeyTable(renames(), Map.of(
            "brokerIP2", "Courier advertises one address, brokerIP1, for clients and slaves alike",
            "storePathCommitLog", "the commit log is always storePathRootDir/commitlog",
            "slaveReadEnable", "a slave always serves reads while its master is away, and is routed only then",
            "enableSlaveActingMaster", "always on: a slave serves its master's messages while the master is away",
            "enableControllerMode", "controller mode (automatic master election) is not supported",
            "totalReplicas", "a SYNC_MASTER waits for one slave",
            "inSyncReplicas", "a SYNC_MASTER waits for one slave",
            "transientStorePoolEnable", "appends go straight to the mapped commit log",
            "sendMessageThreadPoolNums", "sends run on the gRPC executor",
            "useReentrantLockWhenPutMessage", "the commit log has one lock implementation"),
            PREFIX + "grpcPort", -1);

    private RocketMqBrokerKeys() {
    }

    /** {@code mqbroker}'s command line: RocketMQ's options and broker properties, then Spring's arguments. */
    public static RocketMqLaunch launch() {
        return new RocketMqLaunch("mqbroker", TABLE, NAMESRV_ADDR, System.out, System.err);
    }

    private static Map<String, String> renames() {
        Map<String, String> renames = new HashMap<>();
        SAME_NAME.forEach(key -> renames.put(key, PREFIX + key));
        renames.put("brokerIP1", PREFIX + "brokerIp");
        renames.put("registerNameServerPeriod", PREFIX + "registerInterval");
        return renames;
    }
}

package io.couriermq.namesrv.config;

import io.couriermq.server.launch.KeyTable;
import io.couriermq.server.launch.RocketMqLaunch;

import java.util.Map;

/**
 * The NameServer's translation table from RocketMQ's {@code namesrv} properties to {@link NameServerProperties}:
 * {@code listenPort} is the gRPC port (9876), with the HTTP port (REST, actuator) at {@code listenPort + 1} unless
 * {@code server.port} is set.
 */
public final class RocketMqNamesrvKeys {

    static final KeyTable TABLE = new KeyTable(
            Map.of("scanNotActiveBrokerInterval", "courier.namesrv.expiryScanInterval"),
            Map.of("rocketmqHome", "Courier needs no ROCKETMQ_HOME",
                    "kvConfigPath", "the NameServer keeps no KV configuration",
                    "orderMessageEnable", "FIFO topics need no NameServer setting",
                    "clusterTest", "cluster test routes are not supported",
                    "enableControllerInNamesrv", "controller mode (automatic master election) is not supported"),
            "courier.namesrv.grpcPort", 1);

    private RocketMqNamesrvKeys() {
    }

    /** {@code mqnamesrv}'s command line: RocketMQ's options and namesrv properties, then Spring's arguments. */
    public static RocketMqLaunch launch() {
        return new RocketMqLaunch("mqnamesrv", TABLE, null, System.out, System.err);
    }
}

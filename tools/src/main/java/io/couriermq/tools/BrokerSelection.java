package io.couriermq.tools;

import picocli.CommandLine.Option;

import java.util.List;

/**
 * The mutually exclusive {@code -c clusterName} / {@code -b brokerAddr} pair of RocketMQ's update commands:
 * every master of a cluster, or the one broker with that address.
 */
final class BrokerSelection {

    @Option(names = "-c", paramLabel = "<clusterName>", description = "apply to every master of this cluster")
    String cluster;

    @Option(names = "-b", paramLabel = "<brokerAddr>",
            description = "apply to the broker with this address (host:port, as clusterList shows it)")
    String brokerAddress;

    List<Broker> resolve(BrokerDirectory brokers) {
        return cluster != null ? brokers.mastersOf(cluster) : List.of(brokers.byAddress(brokerAddress));
    }
}

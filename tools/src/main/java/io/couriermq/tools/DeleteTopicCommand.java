package io.couriermq.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "deleteTopic", description = "Delete a topic from every broker of a cluster.")
final class DeleteTopicCommand extends AdminCommand {

    @Option(names = "-t", required = true, paramLabel = "<topic>", description = "topic name")
    String topic;

    @Option(names = "-c", required = true, paramLabel = "<clusterName>", description = "cluster to delete it from")
    String cluster;

    /**
     * Masters and slaves alike, as RocketMQ does; the NameServer drops the route when the brokers re-register,
     * which they do as soon as their topics change. Brokers without the topic are skipped; if none has it, the
     * command fails with "topic ... does not exist".
     */
    @Override
    void run() {
        fromBrokersHolding(nameServer().brokers().inCluster(cluster), broker -> {
            brokerAdmin().deleteTopic(broker, topic);
            return broker;
        });
        out().printf("delete topic [%s] from cluster [%s] success.%n", topic, cluster);
    }
}

package io.couriermq.tools;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "deleteSubGroup", description = "Delete a consumer group from one broker or every master of a cluster.")
final class DeleteSubGroupCommand extends AdminCommand {

    @Option(names = "-g", required = true, paramLabel = "<groupName>", description = "consumer group name")
    String group;

    @ArgGroup(exclusive = true, multiplicity = "1")
    BrokerSelection target;

    /** Brokers without the group are skipped; if none has it, the command fails with the broker's message. */
    @Override
    void run() {
        fromBrokersHolding(target.resolve(nameServer().brokers()), broker -> {
            brokerAdmin().deleteGroup(broker, group);
            out().printf("delete subscription group [%s] from broker [%s] in cluster [%s] success.%n", group,
                    broker.grpcAddress(), broker.clusterName());
            return broker;
        });
    }
}

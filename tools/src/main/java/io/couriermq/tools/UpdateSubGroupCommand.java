package io.couriermq.tools;

import io.couriermq.tools.AdminViews.GroupView;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Creates or replaces a consumer group, as RocketMQ's updateSubGroup does: options left out take the broker's
 * defaults rather than keeping earlier values.
 */
@Command(name = "updateSubGroup",
        description = "Create or update a consumer group on one broker or on every master of a cluster.")
final class UpdateSubGroupCommand extends AdminCommand {

    @Option(names = "-g", required = true, paramLabel = "<groupName>", description = "consumer group name")
    String group;

    @ArgGroup(exclusive = true, multiplicity = "1")
    BrokerSelection target;

    @Option(names = "-o", arity = "1", paramLabel = "<true|false>",
            description = "consume orderly: FIFO delivery for RocketMQ 5 clients (default false)")
    Boolean orderly;

    @Option(names = "-r", paramLabel = "<retryMaxTimes>", description = "redeliveries before a message goes to "
            + "the dead letter queue (default 16)")
    Integer retryMaxTimes;

    @Option(names = "-s", arity = "1", paramLabel = "<true|false>", description = "consume enable (default true)")
    Boolean consumeEnable;

    @Override
    void run() {
        GroupView result = null;
        for (Broker broker : target.resolve(nameServer().brokers())) {
            result = brokerAdmin().putGroup(broker, new GroupView(group, retryMaxTimes, orderly, consumeEnable));
            out().printf("create subscription group to %s success.%n", broker.grpcAddress());
        }
        out().println("SubscriptionGroupConfig [groupName=" + result.name() + ", consumeEnable="
                + result.consumeEnable() + ", consumeMessageOrderly=" + result.fifo() + ", retryMaxTimes="
                + result.retryMaxTimes() + "]");
    }
}

package io.couriermq.tools;

import io.couriermq.tools.AdminViews.ResetResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

@Command(name = "resetOffsetByTime",
        description = "Move a group's offsets on a topic to the first message stored at or after a time.")
final class ResetOffsetByTimeCommand extends AdminCommand {

    @Option(names = "-g", required = true, paramLabel = "<groupName>", description = "consumer group name")
    String group;

    @Option(names = "-t", required = true, paramLabel = "<topic>", description = "topic name")
    String topic;

    @Option(names = "-s", required = true, paramLabel = "<timestamp>", converter = Timestamps.Converter.class,
            description = "milliseconds since the epoch, 'now', or yyyy-MM-dd#HH:mm:ss:SSS")
    long timestamp;

    /** Every master serving the topic resets its own queues; connected consumers pick the offsets up from there. */
    @Override
    void run() {
        List<Broker> masters = new BrokerDirectory(nameServer().requireRoute(topic).getBrokersList()).masters();
        Map<Broker, List<ResetResult>> results = fromBrokersHolding(masters,
                broker -> brokerAdmin().resetOffset(broker, group, topic, timestamp));
        out().printf("reset consumer offset of group [%s] on topic [%s] to timestamp [%d]%n", group, topic, timestamp);
        TextTable table = new TextTable("#brokerName", "#queueId", "#offset");
        results.forEach((broker, queues) -> queues.forEach(queue -> table.addRow(broker.brokerName(),
                queue.queueId(), queue.offset())));
        table.print(out());
    }
}

package io.couriermq.tools;

import io.couriermq.tools.AdminViews.QueueStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

@Command(name = "topicStatus", description = "Print the min and max offset of every queue of a topic.")
final class TopicStatusCommand extends AdminCommand {

    @Option(names = "-t", required = true, paramLabel = "<topic>", description = "topic name")
    String topic;

    /** Brokers do not track when a queue was last written, so #Last Updated stays empty (it is the last column). */
    @Override
    void run() {
        List<Broker> masters = new BrokerDirectory(nameServer().requireRoute(topic).getBrokersList()).masters();
        Map<Broker, List<QueueStatus>> statuses = fromBrokersHolding(masters,
                broker -> brokerAdmin().topicStatus(broker, topic));
        TextTable table = new TextTable("#Broker Name", "#QID", "#Min Offset", "#Max Offset", "#Last Updated");
        statuses.forEach((broker, queues) -> queues.forEach(queue -> table.addRow(broker.brokerName(),
                queue.queueId(), queue.minOffset(), queue.maxOffset(), "")));
        table.print(out());
    }
}

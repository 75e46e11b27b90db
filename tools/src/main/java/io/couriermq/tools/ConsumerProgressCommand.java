package io.couriermq.tools;

import io.couriermq.tools.AdminViews.QueueProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

@Command(name = "consumerProgress", description = "Print a consumer group's offsets and lag on every queue it reads.")
final class ConsumerProgressCommand extends AdminCommand {

    @Option(names = "-g", required = true, paramLabel = "<groupName>", description = "consumer group name")
    String group;

    private record Row(String brokerName, QueueProgress queue) {
    }

    /**
     * A group may read topics on any master, so all are asked. Rows are ordered by topic, broker and queue as in
     * RocketMQ. Brokers keep no consume rate, so the TPS line RocketMQ prints shows 0.
     */
    @Override
    void run() {
        List<Row> rows = new ArrayList<>();
        fromBrokersHolding(nameServer().brokers().masters(), broker -> brokerAdmin().progress(broker, group))
                .forEach((broker, queues) -> queues.forEach(queue -> rows.add(new Row(broker.brokerName(), queue))));
        rows.sort(Comparator.comparing((Row row) -> row.queue().topic()).thenComparing(Row::brokerName)
                .thenComparingInt(row -> row.queue().queueId()));
        TextTable table = new TextTable("#Topic", "#Broker Name", "#QID", "#Broker Offset", "#Consumer Offset",
                "#Diff", "#Inflight");
        long diffTotal = 0;
        long inFlightTotal = 0;
        for (Row row : rows) {
            QueueProgress queue = row.queue();
            table.addRow(queue.topic(), row.brokerName(), queue.queueId(), queue.brokerOffset(),
                    queue.consumerOffset(), queue.lag(), queue.inFlight());
            diffTotal += queue.lag();
            inFlightTotal += queue.inFlight();
        }
        table.print(out());
        out().println();
        out().printf(Locale.ROOT, "Consume TPS: %.2f%n", 0.0);
        out().printf("Consume Diff Total: %d%n", diffTotal);
        out().printf("Consume Inflight Total: %d%n", inFlightTotal);
    }
}

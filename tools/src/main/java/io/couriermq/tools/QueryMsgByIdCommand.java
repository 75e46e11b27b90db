package io.couriermq.tools;

import io.couriermq.tools.AdminViews.MessageView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

@Command(name = "queryMsgById", description = "Print a message found by its message id.")
final class QueryMsgByIdCommand extends AdminCommand {

    @Option(names = "-i", required = true, paramLabel = "<msgId>", description = "message id")
    String messageId;

    /** The id does not say which broker stored the message, so brokers are asked in turn until one has it. */
    @Override
    void run() {
        for (Broker broker : nameServer().brokers().all()) {
            try {
                print(brokerAdmin().message(broker, messageId), broker, out(), ZoneId.systemDefault());
                return;
            } catch (BrokerAdminException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        throw new AdminException("no message with id " + messageId);
    }

    static void print(MessageView message, Broker storedOn, PrintWriter out, ZoneId zone) {
        Map<String, String> properties = new TreeMap<>(message.properties());
        line(out, "Message ID:", message.messageId());
        line(out, "Topic:", message.topic());
        line(out, "Tags:", "[" + properties.getOrDefault("TAGS", "") + "]");
        line(out, "Keys:", "[" + properties.getOrDefault("KEYS", "") + "]");
        line(out, "Queue ID:", message.queueId());
        line(out, "Queue Offset:", message.queueOffset());
        line(out, "CommitLog Offset:", message.physicalOffset());
        line(out, "Born Timestamp:", Timestamps.format(message.bornTimestamp(), zone));
        line(out, "Store Timestamp:", Timestamps.format(message.storeTimestamp(), zone));
        line(out, "Born Host:", message.bornHost().startsWith("/") ? message.bornHost().substring(1)
                : message.bornHost());
        line(out, "Store Host:", storedOn.grpcAddress() + " (" + storedOn.brokerName() + ")");
        line(out, "Properties:", properties);
        line(out, "Body Size:", message.bodySize());
        line(out, "Message Body:", message.body());
    }

    private static void line(PrintWriter out, String label, Object value) {
        out.printf("%-20s %s%n", label, value);
    }
}

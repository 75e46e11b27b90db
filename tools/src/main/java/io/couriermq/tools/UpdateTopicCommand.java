package io.couriermq.tools;

import io.couriermq.tools.AdminViews.TopicView;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "updateTopic", description = "Create or update a topic on one broker or on every master of a cluster.")
final class UpdateTopicCommand extends AdminCommand {

    @Option(names = "-t", required = true, paramLabel = "<topic>", description = "topic name")
    String topic;

    @ArgGroup(exclusive = true, multiplicity = "1")
    BrokerSelection target;

    @Option(names = "-r", paramLabel = "<readQueueNums>", defaultValue = "8", description = "read queues (default 8)")
    int readQueueNums;

    @Option(names = "-w", paramLabel = "<writeQueueNums>", defaultValue = "8",
            description = "write queues (default 8)")
    int writeQueueNums;

    @Option(names = "-p", paramLabel = "<perm>", defaultValue = "6",
            description = "permission: 2 write, 4 read, 6 read and write (default 6)")
    int perm;

    @Option(names = "-a", paramLabel = "<attributes>", converter = TopicAttributes.class,
            description = "+message.type=NORMAL|FIFO|DELAY|TRANSACTION|MIXED (default: unchanged, NORMAL if new)")
    String messageType;

    @Override
    void run() {
        TopicView result = null;
        for (Broker broker : target.resolve(nameServer().brokers())) {
            result = brokerAdmin().putTopic(broker, new TopicView(topic, readQueueNums, writeQueueNums, perm,
                    messageTypeFor(broker)));
            out().printf("create topic to %s success.%n", broker.grpcAddress());
        }
        out().println(describe(result));
    }

    /** As in RocketMQ, updating a topic without -a keeps its attributes rather than resetting them. */
    private String messageTypeFor(Broker broker) {
        if (messageType != null) {
            return messageType;
        }
        return brokerAdmin().findTopic(broker, topic).map(TopicView::messageType).orElse(null);
    }

    static String describe(TopicView topic) {
        return "TopicConfig [topicName=" + topic.name() + ", readQueueNums=" + topic.readQueueNums()
                + ", writeQueueNums=" + topic.writeQueueNums() + ", perm=" + permText(topic.perm())
                + ", attributes={+" + TopicAttributes.MESSAGE_TYPE + "=" + topic.messageType() + "}]";
    }

    /** RocketMQ's spelling of permission bits: R (4), W (2), X (1, inherited) or '-' for each. */
    static String permText(int perm) {
        return ((perm & 4) != 0 ? "R" : "-") + ((perm & 2) != 0 ? "W" : "-") + ((perm & 1) != 0 ? "X" : "-");
    }
}

package io.couriermq.tools;

import io.couriermq.tools.AdminViews.MessageView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

@Command(name = "queryMsgByKey", description = "List the messages of a topic that carry a key.")
final class QueryMsgByKeyCommand extends AdminCommand {

    @Option(names = "-t", required = true, paramLabel = "<topic>", description = "topic name")
    String topic;

    @Option(names = "-k", required = true, paramLabel = "<msgKey>", description = "message key")
    String key;

    @Option(names = "-b", paramLabel = "<beginTimestamp>", converter = Timestamps.Converter.class, defaultValue = "0",
            description = "stored at or after (ms, 'now' or yyyy-MM-dd#HH:mm:ss:SSS; default: the beginning)")
    long begin;

    @Option(names = "-e", paramLabel = "<endTimestamp>", converter = Timestamps.Converter.class,
            defaultValue = "" + Long.MAX_VALUE, description = "stored at or before (default: no limit)")
    long end;

    @Option(names = "-m", paramLabel = "<maxNum>", defaultValue = "64", description = "most messages to list (64)")
    int maxNum;

    /** Each master indexes only what it stored, so all masters serving the topic are asked. */
    @Override
    void run() {
        List<MessageView> messages = new ArrayList<>();
        for (Broker broker : new BrokerDirectory(nameServer().requireRoute(topic).getBrokersList()).masters()) {
            messages.addAll(brokerAdmin().messagesByKey(broker, topic, key, begin, end, maxNum));
        }
        TextTable table = new TextTable("#Message ID", "#QID", "#Offset");
        messages.stream().limit(maxNum).forEach(m -> table.addRow(m.messageId(), m.queueId(), m.queueOffset()));
        table.print(out());
    }
}

package io.couriermq.tools;

import io.couriermq.tools.AdminViews.ClientInfo;
import io.couriermq.tools.AdminViews.ClientSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

@Command(name = "consumerConnection", description = "List the clients of a consumer group and the topics they read.")
final class ConsumerConnectionCommand extends AdminCommand {

    @Option(names = "-g", required = true, paramLabel = "<groupName>", description = "consumer group name")
    String group;

    /** A client talks to several brokers, so each appears once however many brokers know it. */
    @Override
    void run() {
        Map<String, ClientInfo> clients = new TreeMap<>();
        for (Broker broker : nameServer().brokers().all()) {
            brokerAdmin().clients(broker).stream().map(ClientSession::info)
                    .filter(info -> group.equals(info.group()))
                    .forEach(info -> clients.putIfAbsent(info.clientId(), info));
        }
        if (clients.isEmpty()) {
            throw new AdminException("consumer group " + group + " has no connected clients");
        }
        TextTable connections = new TextTable("#ClientId", "#ClientAddr", "#Language", "#Version", "#Type");
        TreeSet<String> topics = new TreeSet<>();
        clients.values().forEach(info -> {
            connections.addRow(info.clientId(), info.remoteAddress(), info.language(), info.version(), info.kind());
            topics.addAll(info.topics());
        });
        connections.print(out());
        out().println();
        out().println("Below is subscription:");
        TextTable subscriptions = new TextTable("#Topic");
        topics.forEach(subscriptions::addRow);
        subscriptions.print(out());
    }
}

package io.couriermq.tools;

import picocli.CommandLine.Command;

import java.time.ZoneId;

@Command(name = "clusterList", description = "List every live broker instance, one row each.")
final class ClusterListCommand extends AdminCommand {

    /**
     * RocketMQ's first four columns keep their names and order; the rest is what the NameServer knows of each
     * instance (RocketMQ shows load figures there, which Courier's NameServer does not collect).
     */
    @Override
    void run() {
        TextTable table = new TextTable("#Cluster Name", "#Broker Name", "#BID", "#Addr", "#Role", "#Admin Addr",
                "#Max Offset", "#Last Heartbeat");
        ZoneId zone = ZoneId.systemDefault();
        nameServer().brokers().all().forEach(b -> table.addRow(b.clusterName(), b.brokerName(), b.brokerId(),
                b.grpcAddress(), b.role(), b.adminAddress(), b.maxPhysicalOffset(),
                Timestamps.format(b.lastHeartbeat(), zone)));
        table.print(out());
    }
}

package io.couriermq.tools;

import io.couriermq.tools.AdminViews.TopicView;

import java.time.Duration;
import java.util.List;

/**
 * A topic made for one run of a tool and removed after it: created on every live master through the brokers' REST
 * admin, deleted from every broker holding it on close. Benchmarks use one so that a new consumer group, which
 * starts from a topic's first message while the topic still has it, reads only what this run produced.
 */
public final class ScratchTopic implements AutoCloseable {

    private static final int QUEUES = 8;
    private static final int READ_WRITE = 6;
    private static final Duration ROUTE_WAIT = Duration.ofSeconds(30);
    private static final Duration ROUTE_POLL = Duration.ofMillis(100);

    private final String name;
    private final NameServerClient nameServer;
    private final BrokerAdminClient brokerAdmin = new BrokerAdminClient();

    private ScratchTopic(String name, NameServerClient nameServer) {
        this.name = name;
        this.nameServer = nameServer;
    }

    /**
     * @param namesrvAddr RocketMQ-style NameServer list ({@code host:port;host:port})
     * @throws AdminException when the cluster has no live master or a broker refuses the topic
     */
    public static ScratchTopic create(String namesrvAddr, String name) {
        ScratchTopic topic = new ScratchTopic(name, NameServerClient.open(NameServerAddresses.parse(namesrvAddr)));
        try {
            List<Broker> masters = topic.nameServer.brokers().masters();
            if (masters.isEmpty()) {
                throw new AdminException("no live master is registered with " + namesrvAddr);
            }
            for (Broker master : masters) {
                topic.brokerAdmin.putTopic(master, new TopicView(name, QUEUES, QUEUES, READ_WRITE, null));
            }
            topic.awaitRoute(masters.size());
            return topic;
        } catch (RuntimeException e) {
            try {
                topic.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Brokers tell the NameServers about a new topic right after creating it, but asynchronously; clients starting
     * before the route shows every master would find the topic missing or spread over fewer brokers.
     */
    private void awaitRoute(int brokers) {
        long deadline = System.nanoTime() + ROUTE_WAIT.toNanos();
        while (nameServer.route(name).getQueuesCount() < brokers) {
            if (System.nanoTime() > deadline) {
                throw new AdminException("the NameServer did not show topic " + name + " on all " + brokers
                        + " masters within " + ROUTE_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(ROUTE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AdminException("interrupted while waiting for the route of " + name);
            }
        }
    }

    public String name() {
        return name;
    }

    /** Deletes the topic wherever it lives; a broker that cannot be reached keeps it (and says so in the error). */
    @Override
    public void close() {
        try {
            AdminCommand.fromBrokersHolding(nameServer.brokers().all(), broker -> {
                brokerAdmin.deleteTopic(broker, name);
                return broker;
            });
        } finally {
            nameServer.close();
        }
    }
}

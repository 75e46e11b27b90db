package io.couriermq.compat;

import com.fasterxml.jackson.databind.JsonNode;
import io.couriermq.testing.BrokerNode;
import io.couriermq.testing.LayoutCluster;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.Producer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Crash rounds against a running 2m-2s layout: the official producer sends under load, one master is killed with
 * SIGKILL mid-stream, the producer keeps going on the other master; then every acknowledged message of the round is
 * looked for with the v2 consumption calls, first while the master is down (so through its slave, which the route
 * offers in its place) and again after the master restarted. Each round uses its own tag and consumer groups.
 */
final class FailoverRounds {

    private static final int MAX_IN_FLIGHT = 32;
    private static final int MAX_MESSAGES_PER_ROUND = 4000;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;
    private static final int ACKNOWLEDGED_AFTER_KILL = 100;
    private static final Duration LIMIT = Duration.ofSeconds(90);

    /**
     * What one round saw.
     *
     * @param acknowledged   sends the producer was told succeeded
     * @param afterKill      of those, acknowledged after the kill (by the surviving master)
     * @param missingOnSlave acknowledged messages not consumable while the victim was down
     * @param lagBytesAtKill how far the victim's slave was behind just before the kill, as the victim reported it
     */
    record Round(int round, String victim, int acknowledged, int afterKill, int missingOnSlave,
                 int missingAfterRestart, long lagBytesAtKill, long lagMsAtKill) {

        @Override
        public String toString() {
            return String.format("round %d: killed %s with -9; %d sends acknowledged (%d after the kill); %s-s lagged"
                            + " %d bytes / %d ms just before; %d acknowledged messages not consumable through %s-s"
                            + " while %s was down, %d missing after its restart", round, victim, acknowledged,
                    afterKill, victim, lagBytesAtKill, lagMsAtKill, missingOnSlave, victim, victim,
                    missingAfterRestart);
        }
    }

    private final LayoutCluster cluster;
    private final OfficialClients clients;
    private final String topic;

    FailoverRounds(LayoutCluster cluster, String topic) {
        this.cluster = cluster;
        this.clients = new OfficialClients(cluster.nameServerAddress(), true);
        this.topic = topic;
    }

    /**
     * Starts a 2m-2s layout from its conf/ files, NameServers quick to drop a dead master from routes, with
     * {@code topic} on both masters and copied to both slaves.
     */
    static LayoutCluster startLayout(Path workDir, String layout, String topic) {
        LayoutCluster cluster = LayoutCluster.start(workDir, layout, Map.of(),
                Map.of("courier.namesrv.brokerExpiry", "3s"));
        try {
            ClusterAdmin.createTopic(cluster.nameServerHttpUrl(),
                    List.of(cluster.broker("broker-a"), cluster.broker("broker-b")), topic, 4, "NORMAL");
            ClusterAdmin.awaitTopicOn(cluster.broker("broker-a-s"), topic);
            ClusterAdmin.awaitTopicOn(cluster.broker("broker-b-s"), topic);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Runs round {@code round}, killing broker-a in odd rounds and broker-b in even ones. */
    Round run(int round) throws Exception {
        String victimName = round % 2 == 1 ? "broker-a" : "broker-b";
        BrokerNode victim = cluster.broker(victimName);
        BrokerNode survivor = cluster.broker(round % 2 == 1 ? "broker-b" : "broker-a");
        String tag = "round-" + round;
        awaitServing(victimName);
        Set<String> acknowledged;
        int atKill;
        JsonNode lag;
        try (Producer producer = clients.producer(topic);
             SendLoad load = new SendLoad(producer, topic, tag, MAX_IN_FLIGHT, MAX_MESSAGES_PER_ROUND)) {
            await().atMost(LIMIT).until(() -> load.acknowledged().size() >= ACKNOWLEDGED_BEFORE_KILL);
            lag = ClusterAdmin.replication(victim).path("slaves").path(0);
            victim.kill();
            atKill = load.acknowledged().size();
            await().atMost(LIMIT).until(() -> load.acknowledged().size() >= atKill + ACKNOWLEDGED_AFTER_KILL);
            load.close();
            acknowledged = load.acknowledged();
        }
        await(victimName + " out of the routes").atMost(LIMIT).until(() -> !registered(victimName));
        victim.launch();
        Set<String> viaSlave = consume("slave-readers-" + round, tag, acknowledged, true,
                List.of(cluster.broker(victimName + "-s"), survivor));
        victim.awaitUp();
        awaitServing(victimName);
        Set<String> afterRestart = consume("master-readers-" + round, tag, acknowledged, false,
                List.of(victim, survivor));
        return new Round(round, victimName, acknowledged.size(), acknowledged.size() - atKill,
                missing(acknowledged, viaSlave), missing(acknowledged, afterRestart),
                lag.path("lagBytes").asLong(), lag.path("lagMs").asLong());
    }

    /** The victim is registered as master again and its slave holds all of its log. */
    private void awaitServing(String master) {
        BrokerNode node = cluster.broker(master);
        BrokerNode slave = cluster.broker(master + "-s");
        await(master + " serving with its slave in sync").atMost(LIMIT).ignoreExceptions().until(() -> {
            JsonNode onMaster = ClusterAdmin.replication(node);
            JsonNode onSlave = ClusterAdmin.replication(slave);
            return registered(master) && onMaster.path("inSyncSlaves").asInt() == 1
                    && onSlave.path("endOffset").asLong() == onMaster.path("masterEndOffset").asLong();
        });
    }

    private boolean registered(String master) {
        for (JsonNode broker : ClusterAdmin.brokers(cluster.nameServerHttpUrl())) {
            if (broker.path("brokerName").asText().equals(master) && broker.path("brokerId").asLong() == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Receives the round's messages with a new consumer group until every one of {@code expected} arrived, or every
     * one still missing is held by none of {@code serving} (looked up by id in their stores, which only tells when
     * to stop waiting: what counts is what the v2 calls delivered); acknowledges them when asked (on a slave this
     * exercises its own acknowledgements).
     */
    private Set<String> consume(String group, String tag, Set<String> expected, boolean acknowledge,
                                List<BrokerNode> serving) throws Exception {
        Set<String> received = new HashSet<>();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        try (SimpleConsumer consumer = clients.simpleConsumer(group, topic, tag)) {
            while (System.nanoTime() < deadline) {
                List<MessageView> views = consumer.receive(32, Duration.ofSeconds(60));
                for (MessageView view : views) {
                    received.add(view.getMessageId().toString());
                    if (acknowledge) {
                        acks.add(consumer.ackAsync(view));
                    }
                }
                Set<String> remaining = new HashSet<>(expected);
                remaining.removeAll(received);
                if (remaining.isEmpty() || (views.isEmpty() && heldByNone(remaining, serving))) {
                    break;
                }
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        return received;
    }

    private static boolean heldByNone(Set<String> ids, List<BrokerNode> brokers) {
        return ids.stream().noneMatch(id -> brokers.stream().anyMatch(broker -> ClusterAdmin.holds(broker, id)));
    }

    private static int missing(Set<String> expected, Set<String> received) {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(received);
        return missing.size();
    }
}

package io.couriermq.compat;

import io.couriermq.testing.TestCluster;
import org.apache.rocketmq.client.apis.consumer.ConsumeResult;
import org.apache.rocketmq.client.apis.consumer.PushConsumer;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.couriermq.compat.OfficialClients.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two masters in one cluster: the client spreads sends over both, and when one stops, sends continue on the
 * survivor and consumers still get every message the survivor holds. A client whose access point is a broker,
 * not the NameServer, still reaches both.
 */
class MultiMasterTest {

    @TempDir
    Path workDir;

    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void sendsSpreadOverBothMastersAndContinueOnTheSurvivor() throws Exception {
        cluster = TestCluster.builder(workDir).brokers(2).start();
        ClusterAdmin.createTopic(cluster, "Spread", 4, "NORMAL");
        OfficialClients clients = new OfficialClients(cluster.nameServerAddress(), true);
        try (Producer producer = clients.producer("Spread")) {
            for (int i = 0; i < 40; i++) {
                producer.send(message("Spread", "before-" + i, null));
            }
            long onA = ClusterAdmin.messagesOn(cluster.broker(0), "Spread");
            long onB = ClusterAdmin.messagesOn(cluster.broker(1), "Spread");
            assertThat(onA + onB).isEqualTo(40);
            assertThat(onA).as("broker-a's share").isGreaterThanOrEqualTo(10);
            assertThat(onB).as("broker-b's share").isGreaterThanOrEqualTo(10);

            cluster.broker(1).stop();
            for (int i = 0; i < 40; i++) {
                producer.send(message("Spread", "after-" + i, null));
            }
            assertThat(ClusterAdmin.messagesOn(cluster.broker(0), "Spread")).isEqualTo(onA + 40);
        }

        Set<String> received = new HashSet<>();
        try (SimpleConsumer consumer = clients.simpleConsumer("SpreadReader", "Spread", "*")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (MessageView view : consumer.receive(32, Duration.ofSeconds(30))) {
                    received.add(OfficialClients.body(view));
                    consumer.ack(view);
                }
                return received.stream().filter(body -> body.startsWith("after-")).count() == 40;
            });
        }
    }

    @Test
    void aBrokerUsedAsTheAccessPointRoutesToEveryBroker() throws Exception {
        cluster = TestCluster.builder(workDir).brokers(2).start();
        ClusterAdmin.createTopic(cluster, "ViaBroker", 2, "NORMAL");
        OfficialClients viaBrokerA = new OfficialClients(cluster.broker(0).grpcAddress(), true);
        Set<String> sent = new HashSet<>();
        try (Producer producer = viaBrokerA.producer("ViaBroker")) {
            for (int i = 0; i < 40; i++) {
                sent.add(producer.send(message("ViaBroker", "m" + i, null)).getMessageId().toString());
            }
        }
        assertThat(ClusterAdmin.messagesOn(cluster.broker(1), "ViaBroker")).as("broker-b got a share").isPositive();
        Set<String> consumed = ConcurrentHashMap.newKeySet();
        try (PushConsumer consumer = viaBrokerA.pushConsumer("ViaBrokerReader", "ViaBroker", view -> {
            consumed.add(view.getMessageId().toString());
            return ConsumeResult.SUCCESS;
        })) {
            await().atMost(Duration.ofSeconds(90)).until(() -> consumed.containsAll(sent));
        }
    }
}

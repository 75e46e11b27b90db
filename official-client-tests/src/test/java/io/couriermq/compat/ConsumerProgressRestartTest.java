package io.couriermq.compat;

import io.couriermq.testing.BrokerNode;
import io.couriermq.testing.TestCluster;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static io.couriermq.compat.OfficialClients.body;
import static io.couriermq.compat.OfficialClients.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumer progress outlives the broker process: after a clean restart, and after SIGKILL, messages that were
 * received but not acknowledged are delivered again, and acknowledged ones are not.
 */
class ConsumerProgressRestartTest {

    private static final int MESSAGES = 20;

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
    void progressSurvivesACleanRestart() throws Exception {
        progressSurvives(BrokerNode::stop);
    }

    @Test
    void progressSurvivesSigkill() throws Exception {
        progressSurvives(BrokerNode::kill);
    }

    private void progressSurvives(Consumer<BrokerNode> takeDown) throws Exception {
        cluster = TestCluster.builder(workDir).start();
        ClusterAdmin.createTopic(cluster, "Ledger", 2, "NORMAL");
        OfficialClients clients = new OfficialClients(cluster.nameServerAddress(), false);
        try (Producer producer = clients.producer("Ledger")) {
            for (int i = 0; i < MESSAGES; i++) {
                producer.send(message("Ledger", "entry-" + i, null));
            }
        }
        Set<String> acked = new HashSet<>();
        Set<String> unacked = new HashSet<>();
        try (SimpleConsumer consumer = clients.simpleConsumer("LedgerReader", "Ledger", "*")) {
            List<MessageView> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                received.addAll(consumer.receive(16, Duration.ofMinutes(5)));
                return received.size() >= MESSAGES;
            });
            for (MessageView view : received) {
                if (Integer.parseInt(body(view).substring("entry-".length())) % 2 == 0) {
                    consumer.ack(view);
                    acked.add(body(view));
                } else {
                    unacked.add(body(view));
                }
            }
        }

        BrokerNode broker = cluster.broker(0);
        takeDown.accept(broker);
        broker.start();
        ClusterAdmin.awaitRoute(cluster, "Ledger", 1);

        Set<String> redelivered = new HashSet<>();
        try (SimpleConsumer consumer = clients.simpleConsumer("LedgerReader", "Ledger", "*")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (MessageView view : consumer.receive(16, Duration.ofSeconds(30))) {
                    redelivered.add(body(view));
                    consumer.ack(view);
                }
                return redelivered.size() >= unacked.size();
            });
            assertThat(consumer.receive(16, Duration.ofSeconds(30))).isEmpty();
        }
        assertThat(redelivered).isEqualTo(unacked);
        assertThat(redelivered).doesNotContainAnyElementsOf(acked);
    }
}

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.couriermq.compat.OfficialClients.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delay messages pending in a broker that stops, cleanly or by SIGKILL, are all delivered after it starts again,
 * none before its time; a clean stop delivers each exactly once.
 */
class DelayAcrossRestartTest {

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
    void pendingDelaysSurviveACleanRestart() throws Exception {
        List<String> received = pendingDelaysSurvive(BrokerNode::stop);
        assertThat(received).hasSize(MESSAGES).doesNotHaveDuplicates();
    }

    @Test
    void pendingDelaysSurviveSigkill() throws Exception {
        List<String> received = pendingDelaysSurvive(BrokerNode::kill);
        assertThat(received).as("at least once").hasSizeGreaterThanOrEqualTo(MESSAGES);
    }

    private List<String> pendingDelaysSurvive(Consumer<BrokerNode> takeDown) throws Exception {
        cluster = TestCluster.builder(workDir).start();
        ClusterAdmin.createTopic(cluster, "Deferred", 2, "DELAY");
        OfficialClients clients = new OfficialClients(cluster.nameServerAddress(), false);
        Map<String, Long> dueAt = new HashMap<>();
        try (Producer producer = clients.producer("Deferred")) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < MESSAGES; i++) {
                // Due from 5 s on, one a second: some fall due while the broker is down, some after it is back.
                long due = now + 5_000 + i * 1_000L;
                dueAt.put("d" + i, due);
                producer.send(DelayMessageTest.delayed("Deferred", "d" + i, due));
            }
        }
        BrokerNode broker = cluster.broker(0);
        takeDown.accept(broker);
        broker.start();
        ClusterAdmin.awaitRoute(cluster, "Deferred", 1);

        List<String> received = new ArrayList<>();
        try (SimpleConsumer consumer = clients.simpleConsumer("DeferredReader", "Deferred", "*")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (MessageView view : consumer.receive(16, Duration.ofSeconds(30))) {
                    assertThat(System.currentTimeMillis()).as(body(view) + " not before its time")
                            .isGreaterThanOrEqualTo(dueAt.get(body(view)));
                    received.add(body(view));
                    consumer.ack(view);
                }
                return received.containsAll(dueAt.keySet());
            });
            assertThat(consumer.receive(16, Duration.ofSeconds(2))).as("nothing more").isEmpty();
        }
        return received;
    }
}

package io.couriermq.compat;

import com.fasterxml.jackson.databind.JsonNode;
import io.couriermq.testing.BrokerNode;
import io.couriermq.testing.LayoutCluster;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.couriermq.compat.OfficialClients.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * conf/2m-noslave started as its files document it ({@code bin/mqnamesrv -c}, {@code bin/mqbroker -n -c} for each
 * file, side by side), serving the official client, and stopped with {@code bin/mqshutdown}.
 */
class TwoMastersNoSlaveLayoutTest {

    @TempDir
    Path workDir;

    @Test
    void bothMastersStartFromTheirFilesServeClientsLogToFilesAndStopWithMqshutdown() throws Exception {
        try (LayoutCluster cluster = LayoutCluster.start(workDir, "2m-noslave", Map.of(), Map.of())) {
            BrokerNode brokerA = cluster.broker("broker-a");
            BrokerNode brokerB = cluster.broker("broker-b");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ClusterAdmin.brokers(cluster.nameServerHttpUrl()).size() == 2);
            JsonNode brokers = ClusterAdmin.brokers(cluster.nameServerHttpUrl());
            assertThat(brokers.findValuesAsText("brokerName")).containsExactlyInAnyOrder("broker-a", "broker-b");
            assertThat(brokers.findValuesAsText("role")).containsOnly("ASYNC_MASTER");
            assertThat(brokers.findValuesAsText("grpcAddress"))
                    .containsExactlyInAnyOrder(brokerA.grpcAddress(), brokerB.grpcAddress());

            ClusterAdmin.createTopic(cluster.nameServerHttpUrl(), List.of(brokerA, brokerB), "Layout", 2, "NORMAL");
            OfficialClients clients = new OfficialClients(cluster.nameServerAddress(), true);
            Set<String> sent = new HashSet<>();
            try (Producer producer = clients.producer("Layout")) {
                for (int i = 0; i < 20; i++) {
                    sent.add(producer.send(message("Layout", "m" + i, null)).getMessageId().toString());
                }
            }
            assertThat(ClusterAdmin.messagesOn(brokerA, "Layout")).isPositive();
            assertThat(ClusterAdmin.messagesOn(brokerB, "Layout")).isPositive();
            Set<String> received = new HashSet<>();
            try (SimpleConsumer consumer = clients.simpleConsumer("LayoutReader", "Layout", "*")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (MessageView view : consumer.receive(32, Duration.ofSeconds(20))) {
                        received.add(view.getMessageId().toString());
                        consumer.ack(view);
                    }
                    return received.containsAll(sent);
                });
            }

            assertThat(cluster.logDir().resolve("broker-a.log")).isNotEmptyFile();
            assertThat(cluster.logDir().resolve("broker-b.log")).isNotEmptyFile();
            assertThat(cluster.logDir().resolve("namesrv.log")).isNotEmptyFile();
            assertThat(pidFiles(cluster, "broker")).hasSize(2);

            assertThat(cluster.mqshutdown("broker")).isZero();
            assertThat(brokerA.isAlive()).isFalse();
            assertThat(brokerB.isAlive()).isFalse();
            assertThat(pidFiles(cluster, "broker")).isEmpty();
            assertThat(Files.readString(cluster.logDir().resolve("broker-a.log")))
                    .as("a clean shutdown, as SIGTERM asks").contains("closed");
            assertThat(cluster.mqshutdown("namesrv")).isZero();
            assertThat(pidFiles(cluster, "namesrv")).isEmpty();
        }
    }

    private static List<Path> pidFiles(LayoutCluster cluster, String kind) throws IOException {
        try (Stream<Path> files = Files.list(cluster.runDir())) {
            return files.filter(file -> file.getFileName().toString().startsWith(kind + ".")).toList();
        }
    }
}

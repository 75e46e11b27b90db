package io.couriermq.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.couriermq.testing.BrokerNode;
import io.couriermq.testing.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * mqadmin against a real NameServer and two real brokers (broker-a, broker-b of DefaultCluster), broker-a with a
 * slave: each command runs in-process, and its effect is checked on the brokers' REST admin API, not only in
 * mqadmin's own output. Each test uses its own topic and group names, so they share one cluster.
 */
class MqAdminClusterTest {

    private static final String CLUSTER = "DefaultCluster";
    private static final Duration ROUTE_UPDATE = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDir;

    private static TestCluster cluster;
    private static BrokerNode brokerA;
    private static BrokerNode brokerB;
    private static BrokerNode slaveA;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.builder(workDir).brokers(2).slaves(1).start();
        brokerA = cluster.broker(0);
        brokerB = cluster.broker(1);
        slaveA = cluster.slave(0);
        await().atMost(ROUTE_UPDATE).untilAsserted(() -> assertThat(mqadmin("clusterList").out())
                .contains(hostPort(brokerA.httpUrl())).contains(hostPort(brokerB.httpUrl()))
                .contains(hostPort(slaveA.httpUrl())));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void clusterListShowsOneRowPerBrokerProcessSlavesIncludedAndSkipsADeadNameServer() throws IOException {
        String nameServers = "127.0.0.1:" + closedPort() + ";" + cluster.nameServerAddress();

        CommandRun run = CommandRun.mqadmin("clusterList", "-n", nameServers);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("#Cluster Name").contains("#Broker Name", "#BID", "#Addr", "#Admin Addr");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1).split("\\s+")).startsWith(CLUSTER, "broker-a", "0", brokerA.grpcAddress(),
                "ASYNC_MASTER", hostPort(brokerA.httpUrl()));
        assertThat(lines.get(2).split("\\s+")).startsWith(CLUSTER, "broker-a", "1", slaveA.grpcAddress(),
                "SLAVE", hostPort(slaveA.httpUrl()));
        assertThat(lines.get(3).split("\\s+")).startsWith(CLUSTER, "broker-b", "0", brokerB.grpcAddress(),
                "ASYNC_MASTER", hostPort(brokerB.httpUrl()));
    }

    @Test
    void updateTopicOnAClusterCreatesItOnEveryMasterAndDeleteTopicRemovesIt() throws Exception {
        String topic = "cluster-topic";

        CommandRun update = mqadmin("updateTopic", "-c", CLUSTER, "-t", topic, "-r", "4", "-w", "4");

        assertThat(update.exitCode()).as(update.toString()).isZero();
        for (BrokerNode broker : List.of(brokerA, brokerB)) {
            JsonNode created = get(broker, "/api/topics/" + topic);
            assertThat(created.path("readQueueNums").asInt()).isEqualTo(4);
            assertThat(created.path("messageType").asText()).isEqualTo("NORMAL");
        }
        await().atMost(ROUTE_UPDATE).untilAsserted(() -> {
            JsonNode route = JSON.readTree(mqadmin("topicRoute", "-t", topic).out());
            assertThat(route.path("brokerDatas").findValuesAsText("brokerName")).containsExactly("broker-a", "broker-b");
            assertThat(route.path("brokerDatas").get(0).path("brokerAddrs").path("0").asText())
                    .isEqualTo(brokerA.grpcAddress());
            assertThat(route.path("queueDatas").findValuesAsText("readQueueNums")).containsExactly("4", "4");
        });
        CommandRun status = mqadmin("topicStatus", "-t", topic);
        assertThat(status.out().lines().skip(1).map(line -> String.join(" ", List.of(line.split("\\s+")))))
                .containsExactly("broker-a 0 0 0", "broker-a 1 0 0", "broker-a 2 0 0", "broker-a 3 0 0",
                        "broker-b 0 0 0", "broker-b 1 0 0", "broker-b 2 0 0", "broker-b 3 0 0");

        CommandRun delete = mqadmin("deleteTopic", "-c", CLUSTER, "-t", topic);

        assertThat(delete.exitCode()).as(delete.toString()).isZero();
        assertThat(statusOf(brokerA, "/api/topics/" + topic)).isEqualTo(404);
        assertThat(statusOf(brokerB, "/api/topics/" + topic)).isEqualTo(404);
        await().atMost(ROUTE_UPDATE).untilAsserted(() -> {
            CommandRun route = mqadmin("topicRoute", "-t", topic);
            assertThat(route.exitCode()).isEqualTo(MqAdmin.FAILURE);
            assertThat(route.err()).isEqualTo("topic " + topic + " does not exist" + System.lineSeparator());
        });
        CommandRun again = mqadmin("deleteTopic", "-c", CLUSTER, "-t", topic);
        assertThat(again.exitCode()).isEqualTo(MqAdmin.FAILURE);
        assertThat(again.err()).contains("topic " + topic + " does not exist");
    }

    @Test
    void updateTopicOnOneBrokerSetsTheMessageTypeThereOnly() throws Exception {
        String topic = "fifo-topic";

        CommandRun run = mqadmin("updateTopic", "-b", brokerB.grpcAddress(), "-t", topic, "-a", "+message.type=FIFO");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("create topic to " + brokerB.grpcAddress() + " success.");
        JsonNode created = get(brokerB, "/api/topics/" + topic);
        assertThat(created.path("messageType").asText()).isEqualTo("FIFO");
        assertThat(created.path("writeQueueNums").asInt()).isEqualTo(8);
        assertThat(statusOf(brokerA, "/api/topics/" + topic)).isEqualTo(404);

        CommandRun resize = mqadmin("updateTopic", "-b", brokerB.grpcAddress(), "-t", topic, "-w", "2", "-r", "2");

        assertThat(resize.exitCode()).as(resize.toString()).isZero();
        JsonNode resized = get(brokerB, "/api/topics/" + topic);
        assertThat(resized.path("writeQueueNums").asInt()).isEqualTo(2);
        assertThat(resized.path("messageType").asText()).as("type kept without -a").isEqualTo("FIFO");
    }

    @Test
    void updateSubGroupSetsRetryMaxTimesOnEveryMasterAndDeleteSubGroupRemovesIt() throws Exception {
        String group = "retry-group";

        CommandRun create = mqadmin("updateSubGroup", "-c", CLUSTER, "-g", group, "-r", "3", "-o", "true");

        assertThat(create.exitCode()).as(create.toString()).isZero();
        for (BrokerNode broker : List.of(brokerA, brokerB)) {
            JsonNode saved = groupOn(broker, group);
            assertThat(saved.path("retryMaxTimes").asInt()).isEqualTo(3);
            assertThat(saved.path("fifo").asBoolean()).isTrue();
        }

        CommandRun update = mqadmin("updateSubGroup", "-c", CLUSTER, "-g", group, "-r", "5");

        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(groupOn(brokerA, group).path("retryMaxTimes").asInt()).isEqualTo(5);
        assertThat(groupOn(brokerB, group).path("fifo").asBoolean()).as("left out: back to the default").isFalse();

        CommandRun delete = mqadmin("deleteSubGroup", "-c", CLUSTER, "-g", group);

        assertThat(delete.exitCode()).as(delete.toString()).isZero();
        assertThat(groupOn(brokerA, group).isMissingNode()).isTrue();
        assertThat(groupOn(brokerB, group).isMissingNode()).isTrue();
        CommandRun again = mqadmin("deleteSubGroup", "-c", CLUSTER, "-g", group);
        assertThat(again.exitCode()).isEqualTo(MqAdmin.FAILURE);
        assertThat(again.err()).contains("consumer group " + group + " does not exist");
    }

    @Test
    void sentMessagesAreFoundByIdAndKeyAndShowInConsumerProgress() throws Exception {
        String topic = "message-topic";
        String group = "message-group";
        assertThat(mqadmin("updateTopic", "-b", brokerA.grpcAddress(), "-t", topic, "-r", "1", "-w", "1").exitCode())
                .isZero();
        assertThat(mqadmin("updateSubGroup", "-b", brokerA.grpcAddress(), "-g", group).exitCode()).isZero();
        try (V2TestClient client = new V2TestClient(brokerA.grpcAddress())) {
            String first = client.send(topic, "order-1", "TagA", "hello courier");

            // The index follows the log a moment behind the acknowledgement: until the master has indexed the
            // id, the command goes on to ask its slave, whose answer names the slave.
            await().atMost(ROUTE_UPDATE).untilAsserted(() -> {
                CommandRun byId = mqadmin("queryMsgById", "-i", first);
                assertThat(byId.exitCode()).as(byId.toString()).isZero();
                assertThat(byId.out()).containsPattern("Topic:\\s+" + topic).containsPattern("Tags:\\s+\\[TagA]")
                        .containsPattern("Keys:\\s+\\[order-1]").containsPattern("Queue Offset:\\s+0")
                        .containsPattern("Store Host:\\s+" + brokerA.grpcAddress())
                        .containsPattern("Message Body:\\s+hello courier");
            });
            await().atMost(ROUTE_UPDATE).untilAsserted(() -> assertThat(mqadmin("queryMsgByKey", "-t", topic,
                    "-k", "order-1").out().lines().skip(1).map(line -> List.of(line.split("\\s+"))))
                    .containsExactly(List.of(first, "0", "0")));

            CommandRun reset = mqadmin("resetOffsetByTime", "-g", group, "-t", topic, "-s", "now");

            assertThat(reset.exitCode()).as(reset.toString()).isZero();
            assertThat(reset.out()).containsPattern("broker-a\\s+0\\s+1");
            client.send(topic, "order-2", "TagA", "second");
            assertThat(progressRows(group)).containsExactly(List.of(topic, "broker-a", "0", "2", "1", "1", "0"));
            assertThat(mqadmin("consumerProgress", "-g", group).out()).contains("Consume Diff Total: 1");

            assertThat(mqadmin("resetOffsetByTime", "-g", group, "-t", topic, "-s", "0").exitCode()).isZero();
            assertThat(mqadmin("consumerProgress", "-g", group).out()).contains("Consume Diff Total: 2");
        }
    }

    @Test
    void consumerConnectionListsAConnectedConsumer() throws Exception {
        String topic = "connection-topic";
        String group = "connection-group";
        assertThat(mqadmin("updateTopic", "-c", CLUSTER, "-t", topic).exitCode()).isZero();
        assertThat(mqadmin("updateSubGroup", "-c", CLUSTER, "-g", group).exitCode()).isZero();
        CommandRun none = mqadmin("consumerConnection", "-g", group);
        assertThat(none.exitCode()).isEqualTo(MqAdmin.FAILURE);
        assertThat(none.err()).contains("consumer group " + group + " has no connected clients");

        try (V2TestClient consumer = new V2TestClient(brokerB.grpcAddress())) {
            consumer.subscribe(group, topic);

            CommandRun run = mqadmin("consumerConnection", "-g", group);

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).containsPattern(consumer.clientId() + "\\s+\\S+\\s+JAVA\\s+.*SIMPLE_CONSUMER")
                    .contains("Below is subscription:").contains(topic);
        }
    }

    @Test
    void brokerStatusPrintsTheBrokerAndItsStore() {
        CommandRun run = mqadmin("brokerStatus", "-b", brokerB.grpcAddress());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("(?m)^brokerName\\s+: broker-b$")
                .containsPattern("(?m)^grpcAddress\\s+: " + brokerB.grpcAddress() + "$")
                .containsPattern("(?m)^store\\.logWrittenOffset\\s+: \\d+$");
    }

    @Test
    void failuresExitWithOneAndOneLineOnStderr() {
        CommandRun unknownTopic = mqadmin("topicStatus", "-t", "no-such-topic");
        CommandRun unknownCluster = mqadmin("updateTopic", "-c", "NoSuchCluster", "-t", "t");
        CommandRun unknownBroker = mqadmin("brokerStatus", "-b", "127.0.0.1:1");
        CommandRun unknownMessage = mqadmin("queryMsgById", "-i", "0000000000000000000000000000DEAD");
        CommandRun refused = mqadmin("updateTopic", "-c", CLUSTER, "-t", "bad-queues", "-r", "0", "-w", "0");

        Stream.of(unknownTopic, unknownCluster, unknownBroker, unknownMessage, refused).forEach(run -> {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(MqAdmin.FAILURE);
            assertThat(run.err()).as(run.toString()).hasLineCount(1);
        });
        assertThat(unknownTopic.err()).startsWith("topic no-such-topic does not exist");
        assertThat(unknownCluster.err()).startsWith("cluster NoSuchCluster does not exist");
        assertThat(unknownBroker.err()).startsWith("no broker with address 127.0.0.1:1 is registered");
        assertThat(unknownMessage.err()).startsWith("no message with id 0000000000000000000000000000DEAD");
    }

    private static CommandRun mqadmin(String command, String... args) {
        List<String> line = new ArrayList<>(List.of(command, "-n", cluster.nameServerAddress()));
        line.addAll(List.of(args));
        return CommandRun.mqadmin(line.toArray(String[]::new));
    }

    private static List<List<String>> progressRows(String group) {
        CommandRun run = mqadmin("consumerProgress", "-g", group);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.out().lines().skip(1).takeWhile(line -> !line.isEmpty())
                .map(line -> List.of(line.split("\\s+"))).toList();
    }

    /** The group as the broker lists it, or a missing node if it has no such group. */
    private static JsonNode groupOn(BrokerNode broker, String group) throws Exception {
        for (JsonNode candidate : get(broker, "/api/groups")) {
            if (candidate.path("name").asText().equals(group)) {
                return candidate;
            }
        }
        return JSON.missingNode();
    }

    private static JsonNode get(BrokerNode broker, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(broker.httpUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int statusOf(BrokerNode broker, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(broker.httpUrl() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String hostPort(String url) {
        return URI.create(url).getAuthority();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

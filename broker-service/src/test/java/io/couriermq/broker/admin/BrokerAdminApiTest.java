package io.couriermq.broker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.couriermq.broker.config.BrokerRuntime;
import io.couriermq.broker.core.produce.SendRequest;
import io.couriermq.broker.core.produce.SendResult;
import io.couriermq.broker.core.produce.SendService;
import io.couriermq.broker.core.topic.TopicMessageType;
import io.couriermq.broker.core.transaction.TransactionOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker's REST admin, health and metrics, served by the real application on a random port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class BrokerAdminApiTest {

    /** Under target/, not a JUnit temp dir: the application context outlives the class and keeps files open. */
    private static final Path storeDir = Path.of("target", "admin-api-test-" + System.nanoTime());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("courier.broker.storePathRootDir", storeDir::toString);
        registry.add("courier.broker.grpcPort", () -> "0");
        registry.add("courier.broker.bindAddress", () -> "127.0.0.1");
        registry.add("courier.broker.brokerIp", () -> "127.0.0.1");
        registry.add("courier.broker.mappedFileSizeCommitLog", () -> Integer.toString(16 * 1024 * 1024));
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    BrokerRuntime broker;

    @Test
    void topicsCanBeCreatedListedInspectedAndDeleted() throws Exception {
        assertThat(post("/api/topics", Map.of("name", "Orders", "readQueueNums", 2, "writeQueueNums", 2,
                "messageType", "FIFO")).statusCode()).isEqualTo(200);
        assertThat(get("/api/topics").body()).contains("\"Orders\"").doesNotContain("rmq_sys_");
        send("Orders", 0, "hello", "order-1");
        JsonNode status = JSON.readTree(get("/api/topics/Orders/status").body());
        assertThat(status).hasSize(2);
        assertThat(status.get(0).path("maxOffset").asLong()).isEqualTo(1);
        assertThat(post("/api/topics", Map.of("name", "bad name")).statusCode()).isEqualTo(400);
        assertThat(post("/api/topics", Map.of("name", "rmq_sys_x")).statusCode()).isEqualTo(400);
        assertThat(get("/api/topics/Nowhere").statusCode()).isEqualTo(404);
        HttpResponse<String> deleted = delete("/api/topics/Orders");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(get("/api/topics/Orders").statusCode()).isEqualTo(404);
    }

    @Test
    void messagesAreFoundByIdAndKey() throws Exception {
        post("/api/topics", Map.of("name", "Lookups"));
        String id = send("Lookups", 1, "find me", "customer-9");
        JsonNode byId = JSON.readTree(get("/api/messages/" + id).body());
        assertThat(byId.path("body").asText()).isEqualTo("find me");
        assertThat(byId.path("queueId").asInt()).isEqualTo(1);
        JsonNode byKey = JSON.readTree(get("/api/messages?topic=Lookups&key=customer-9").body());
        assertThat(byKey).hasSize(1);
        assertThat(get("/api/messages/NO-SUCH-ID").statusCode()).isEqualTo(404);
    }

    @Test
    void groupsProgressAndResetsWork() throws Exception {
        post("/api/topics", Map.of("name", "Progress", "readQueueNums", 1, "writeQueueNums", 1));
        assertThat(post("/api/groups", Map.of("name", "Readers", "retryMaxTimes", 3)).statusCode()).isEqualTo(200);
        JsonNode groups = JSON.readTree(get("/api/groups").body());
        assertThat(groups.findValuesAsText("name")).contains("Readers");
        for (int i = 0; i < 3; i++) {
            send("Progress", 0, "m" + i, "k" + i);
        }
        JsonNode reset = JSON.readTree(post("/api/groups/Readers/reset-offset",
                Map.of("topic", "Progress", "timestamp", 0)).body());
        assertThat(reset.get(0).path("offset").asLong()).isZero();
        JsonNode progress = JSON.readTree(get("/api/groups/Readers/progress").body());
        assertThat(progress.get(0).path("brokerOffset").asLong()).isEqualTo(3);
        assertThat(progress.get(0).path("lag").asLong()).isEqualTo(3);
        assertThat(get("/api/groups/Nobody/progress").statusCode()).isEqualTo(404);
    }

    @Test
    void statusHealthAndMetricsAreServed() throws Exception {
        JsonNode status = JSON.readTree(get("/api/broker/status").body());
        assertThat(status.path("brokerName").asText()).isEqualTo("broker-a");
        assertThat(status.path("store").path("writable").asBoolean()).isTrue();
        assertThat(get("/actuator/health").body()).contains("\"UP\"");
        post("/api/topics", Map.of("name", "Metered"));
        send("Metered", 0, "counted", "k");
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("rocketmq_storage_size_bytes").contains("rocketmq_topic_number");
    }

    @Test
    void pendingDelayMessagesAndOpenTransactionsAreShownAndMetered() throws Exception {
        post("/api/topics", Map.of("name", "Later", "messageType", "DELAY"));
        post("/api/topics", Map.of("name", "Paid", "messageType", "TRANSACTION"));
        long inAnHour = System.currentTimeMillis() + 3_600_000;
        broker.sends().send(typed("Later", TopicMessageType.DELAY, "DELAYED-" + System.nanoTime(), inAnHour)).get();
        String halfId = "HALF-" + System.nanoTime();
        SendResult half = broker.sends().send(typed("Paid", TopicMessageType.TRANSACTION, halfId, 0)).get();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                JSON.readTree(get("/api/timer").body()).path("pending").asLong() == 1);
        // the broker reads new half messages from the log on its checker's tick
        await().atMost(Duration.ofSeconds(10)).until(() ->
                JSON.readTree(get("/api/transactions").body()).path("pending").size() == 1);
        JsonNode transactions = JSON.readTree(get("/api/transactions").body());
        assertThat(transactions.path("pending")).singleElement().satisfies(open -> {
            assertThat(open.path("transactionId").asText()).isEqualTo(half.transactionId());
            assertThat(open.path("topic").asText()).isEqualTo("Paid");
            assertThat(open.path("messageId").asText()).isEqualTo(halfId);
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/actuator/prometheus").body()
                .contains("rocketmq_half_messages{topic=\"Paid\"} 1.0"));
        assertThat(get("/actuator/prometheus").body()).contains("rocketmq_timing_messages 1.0")
                .contains("rocketmq_transaction_open 1.0");

        broker.transactions().end(half.transactionId(), halfId, "Paid", TransactionOutcome.COMMIT).get();
        assertThat(get("/actuator/prometheus").body()).contains("rocketmq_commit_messages_total{topic=\"Paid\"} 1.0");
    }

    private static SendRequest typed(String topic, TopicMessageType type, String id, long deliverAt) {
        return new SendRequest(topic, 0, type, id, null, List.of(), null, deliverAt, Map.of(),
                "held".getBytes(StandardCharsets.UTF_8), 0, "test", new InetSocketAddress(0), "IDENTITY", null);
    }

    private String send(String topic, int queueId, String body, String key) throws Exception {
        SendService sends = broker.sends();
        String id = "ID-" + System.nanoTime();
        sends.send(new SendRequest(topic, queueId, TopicMessageType.FIFO.name().equals(
                broker.topics().find(topic).orElseThrow().messageType().name()) ? TopicMessageType.FIFO
                : TopicMessageType.NORMAL, id, null, List.of(key), null, 0, Map.of(),
                body.getBytes(StandardCharsets.UTF_8), 0, "test", new InetSocketAddress(0), "IDENTITY", null)).get();
        while (broker.store().stats().dispatchedOffset() < broker.store().stats().logWrittenOffset()) {
            Thread.onSpinWait();
        }
        return id;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, Object> body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

package io.couriermq.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.couriermq.testing.BrokerNode;
import io.couriermq.testing.TestCluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The REST and actuator calls tests need: create topics and groups, read queue offsets, health and metrics, wait
 * for routes.
 */
final class ClusterAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ClusterAdmin() {
    }

    /** Creates a topic on every broker of the cluster and waits until the NameServer routes it. */
    static void createTopic(TestCluster cluster, String topic, int queues, String messageType) {
        createTopic(cluster.nameServerHttpUrl(), cluster.brokers(), topic, queues, messageType);
    }

    /** Creates a topic on each of {@code masters} and waits until the NameServer routes it on all of them. */
    static void createTopic(String nameServerHttpUrl, List<BrokerNode> masters, String topic, int queues,
                            String messageType) {
        for (BrokerNode broker : masters) {
            post(broker.httpUrl() + "/api/topics", Map.of("name", topic, "readQueueNums", queues,
                    "writeQueueNums", queues, "messageType", messageType));
        }
        awaitRoute(nameServerHttpUrl, topic, masters.size());
    }

    static void createGroup(BrokerNode broker, String group, int retryMaxTimes, boolean fifo) {
        post(broker.httpUrl() + "/api/groups", Map.of("name", group, "retryMaxTimes", retryMaxTimes, "fifo", fifo));
    }

    /** Waits until the NameServer's route for the topic names {@code brokers} brokers. */
    static void awaitRoute(TestCluster cluster, String topic, int brokers) {
        awaitRoute(cluster.nameServerHttpUrl(), topic, brokers);
    }

    private static void awaitRoute(String nameServerHttpUrl, String topic, int brokers) {
        await("route of " + topic).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> response = get(nameServerHttpUrl + "/api/topics/" + topic + "/route");
            return response.statusCode() == 200 && JSON.readTree(response.body()).path("queues").size() >= brokers;
        });
    }

    /** Waits until a broker holds a topic: a slave copies its master's topics every few seconds. */
    static void awaitTopicOn(BrokerNode broker, String topic) {
        await(topic + " on " + broker.nodeName()).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(broker.httpUrl() + "/api/topics/" + encode(topic)).statusCode() == 200);
    }

    /** Every live broker instance as the NameServer lists it ({@code GET /api/brokers}). */
    static JsonNode brokers(String nameServerHttpUrl) {
        return readTree(get(nameServerHttpUrl + "/api/brokers").body());
    }

    /** Whether the broker's store holds a message with this id (its index is asked, not a consumer). */
    static boolean holds(BrokerNode broker, String messageId) {
        return get(broker.httpUrl() + "/api/messages/" + encode(messageId)).statusCode() == 200;
    }

    /** The broker's {@code /actuator/health} document. */
    static JsonNode health(BrokerNode broker) {
        return readTree(get(broker.httpUrl() + "/actuator/health").body());
    }

    /** The replication part of the broker's health: role, slaves and offsets. */
    static JsonNode replication(BrokerNode broker) {
        return health(broker).path("components").path("replication").path("details");
    }

    /** The broker's Prometheus scrape. */
    static String prometheus(BrokerNode broker) {
        return get(broker.httpUrl() + "/actuator/prometheus").body();
    }

    /** Messages stored for a topic on one broker: the sum of its queues' max offsets. */
    static long messagesOn(BrokerNode broker, String topic) {
        HttpResponse<String> response = get(broker.httpUrl() + "/api/topics/" + encode(topic) + "/status");
        if (response.statusCode() == 404) {
            return 0;
        }
        long total = 0;
        for (JsonNode queue : readTree(response.body())) {
            total += queue.path("maxOffset").asLong();
        }
        return total;
    }

    /** Transactions the broker holds open (half messages without an outcome). */
    static int openTransactions(BrokerNode broker) {
        HttpResponse<String> response = get(broker.httpUrl() + "/api/transactions");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/transactions answered " + response.statusCode());
        }
        return readTree(response.body()).path("pending").size();
    }

    private static String encode(String topic) {
        return java.net.URLEncoder.encode(topic, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static void post(String url, Map<String, Object> body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("POST " + url + " failed", e);
        }
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("GET " + url + " failed", e);
        }
    }
}

package io.couriermq.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.couriermq.tools.AdminViews.ClientSession;
import io.couriermq.tools.AdminViews.GroupView;
import io.couriermq.tools.AdminViews.MessageView;
import io.couriermq.tools.AdminViews.QueueProgress;
import io.couriermq.tools.AdminViews.QueueStatus;
import io.couriermq.tools.AdminViews.ResetRequest;
import io.couriermq.tools.AdminViews.ResetResult;
import io.couriermq.tools.AdminViews.TopicView;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The REST admin API of brokers, one typed method per endpoint. Names in paths and queries are URL-encoded, since
 * RocketMQ names such as {@code %DLQ%group} contain '%'. An error status becomes a {@link BrokerAdminException}
 * carrying the broker's own message; a broker that cannot be reached, an {@link AdminException} naming it.
 */
final class BrokerAdminClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    TopicView putTopic(Broker broker, TopicView topic) {
        return send(broker, "POST", "/api/topics", topic, new TypeReference<>() { });
    }

    Optional<TopicView> findTopic(Broker broker, String topic) {
        try {
            return Optional.of(send(broker, "GET", "/api/topics/" + encode(topic), null, new TypeReference<>() { }));
        } catch (BrokerAdminException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    void deleteTopic(Broker broker, String topic) {
        send(broker, "DELETE", "/api/topics/" + encode(topic), null, new TypeReference<JsonNode>() { });
    }

    List<QueueStatus> topicStatus(Broker broker, String topic) {
        return send(broker, "GET", "/api/topics/" + encode(topic) + "/status", null, new TypeReference<>() { });
    }

    GroupView putGroup(Broker broker, GroupView group) {
        return send(broker, "POST", "/api/groups", group, new TypeReference<>() { });
    }

    void deleteGroup(Broker broker, String group) {
        send(broker, "DELETE", "/api/groups/" + encode(group), null, new TypeReference<JsonNode>() { });
    }

    List<QueueProgress> progress(Broker broker, String group) {
        return send(broker, "GET", "/api/groups/" + encode(group) + "/progress", null, new TypeReference<>() { });
    }

    List<ResetResult> resetOffset(Broker broker, String group, String topic, long timestamp) {
        return send(broker, "POST", "/api/groups/" + encode(group) + "/reset-offset",
                new ResetRequest(topic, timestamp), new TypeReference<>() { });
    }

    MessageView message(Broker broker, String messageId) {
        return send(broker, "GET", "/api/messages/" + encode(messageId), null, new TypeReference<>() { });
    }

    List<MessageView> messagesByKey(Broker broker, String topic, String key, long begin, long end, int max) {
        String query = "?topic=" + encode(topic) + "&key=" + encode(key) + "&begin=" + begin + "&end=" + end
                + "&max=" + max;
        return send(broker, "GET", "/api/messages" + query, null, new TypeReference<>() { });
    }

    /** The broker's status as the API returns it; brokerStatus prints whatever fields it has. */
    JsonNode status(Broker broker) {
        return send(broker, "GET", "/api/broker/status", null, new TypeReference<>() { });
    }

    List<ClientSession> clients(Broker broker) {
        return send(broker, "GET", "/api/broker/clients", null, new TypeReference<>() { });
    }

    private <T> T send(Broker broker, String method, String path, Object body, TypeReference<T> answerType) {
        if (broker.adminAddress().isEmpty()) {
            throw new AdminException("broker " + broker.brokerName() + " (" + broker.grpcAddress()
                    + ") has not published its admin address yet");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + broker.adminAddress() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(toJson(body)))
                .build();
        HttpResponse<String> response = exchange(broker, request);
        if (response.statusCode() >= 400) {
            throw new BrokerAdminException(response.statusCode(), errorMessage(broker, response));
        }
        return fromJson(broker, response.body().isEmpty() ? "null" : response.body(), answerType);
    }

    private HttpResponse<String> exchange(Broker broker, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AdminException("cannot reach broker " + broker.brokerName() + " admin API at "
                    + broker.adminAddress() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted while waiting for broker " + broker.brokerName());
        }
    }

    /** The broker's {"error": "..."} text, or the status line when the body is not that. */
    private String errorMessage(Broker broker, HttpResponse<String> response) {
        try {
            JsonNode error = json.readTree(response.body()).path("error");
            if (error.isTextual()) {
                return error.asText();
            }
        } catch (JsonProcessingException notJson) {
            // fall through to the generic message
        }
        return "broker " + broker.brokerName() + " answered HTTP " + response.statusCode() + " to "
                + response.request().method() + " " + response.request().uri().getPath();
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body + " as JSON", e);
        }
    }

    private <T> T fromJson(Broker broker, String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new AdminException("broker " + broker.brokerName() + " sent an answer mqadmin cannot read: "
                    + e.getOriginalMessage());
        }
    }

    /** Percent-encoding for a path segment or query value; spaces as %20, which both places accept. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

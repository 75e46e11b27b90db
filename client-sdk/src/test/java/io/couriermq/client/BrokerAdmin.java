package io.couriermq.client;

import io.couriermq.testing.BrokerNode;
import io.couriermq.testing.TestCluster;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few broker REST admin calls the tests need, to set up what clients cannot (a FIFO group) and to check
 * what the broker did (a group's remaining lag, messages in a topic) independently of the client under test.
 */
final class BrokerAdmin {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LAG = Pattern.compile("\"lag\"\\s*:\\s*(\\d+)");
    private static final Pattern IN_FLIGHT = Pattern.compile("\"inFlight\"\\s*:\\s*(\\d+)");
    private static final Pattern MAX_OFFSET = Pattern.compile("\"maxOffset\"\\s*:\\s*(\\d+)");

    private BrokerAdmin() {
    }

    /** Creates (or updates) the group on every broker: each broker keeps its own group configuration. */
    static void createGroup(TestCluster cluster, String group, int retryMaxTimes, boolean fifo) {
        cluster.brokers().forEach(broker -> createGroup(broker, group, retryMaxTimes, fifo));
    }

    private static void createGroup(BrokerNode broker, String group, int retryMaxTimes, boolean fifo) {
        String json = "{\"name\":\"" + group + "\",\"retryMaxTimes\":" + retryMaxTimes + ",\"fifo\":" + fifo + "}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(broker.httpUrl() + "/api/groups"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("creating group " + group + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** Messages of the group's queues not yet consumed, plus those delivered and not yet settled, on all brokers. */
    static long unsettled(TestCluster cluster, String group) {
        return cluster.brokers().stream().map(broker -> progress(broker, group))
                .mapToLong(progress -> sum(LAG, progress) + sum(IN_FLIGHT, progress)).sum();
    }

    /** Messages delivered to the group's consumers and not yet settled, on all brokers. */
    static long inFlight(TestCluster cluster, String group) {
        return cluster.brokers().stream().mapToLong(broker -> sum(IN_FLIGHT, progress(broker, group))).sum();
    }

    private static String progress(BrokerNode broker, String group) {
        HttpResponse<String> response = get(broker.httpUrl() + "/api/groups/" + encode(group) + "/progress");
        return response.statusCode() == 404 ? "" : response.body();
    }

    /** Messages stored in a topic, on all brokers. */
    static long messagesIn(TestCluster cluster, String topic) {
        return cluster.brokers().stream().mapToLong(broker -> {
            HttpResponse<String> response = get(broker.httpUrl() + "/api/topics/" + encode(topic) + "/status");
            return response.statusCode() == 404 ? 0 : sum(MAX_OFFSET, response.body());
        }).sum();
    }

    private static long sum(Pattern field, String json) {
        long total = 0;
        Matcher matcher = field.matcher(json);
        while (matcher.find()) {
            total += Long.parseLong(matcher.group(1));
        }
        return total;
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

package io.couriermq.bench.broker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few broker REST calls the benchmark makes: create a topic, read a number out of a JSON answer. */
final class BrokerRest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    BrokerRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    void createTopic(String name, int queues, String messageType) throws IOException, InterruptedException {
        String json = String.format("{\"name\":\"%s\",\"readQueueNums\":%d,\"writeQueueNums\":%d,"
                + "\"messageType\":\"%s\"}", name, queues, queues, messageType);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/topics"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("creating topic " + name + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** The sum of every number named {@code field} in the JSON at {@code path}. */
    long sum(String path, String field) throws IOException, InterruptedException {
        String body = get(path);
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?[0-9.E]+)").matcher(body);
        long total = 0;
        while (matcher.find()) {
            total += (long) Double.parseDouble(matcher.group(1));
        }
        return total;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}

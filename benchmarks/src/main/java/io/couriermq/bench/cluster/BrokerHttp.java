package io.couriermq.bench.ha;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A broker's HTTP side as the benchmark uses it: create a topic, scrape /actuator/prometheus. */
final class BrokerHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final String baseUrl;

    BrokerHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    void createTopic(String name, int queues) throws IOException, InterruptedException {
        String json = String.format("{\"name\":\"%s\",\"readQueueNums\":%d,\"writeQueueNums\":%d,"
                + "\"messageType\":\"NORMAL\"}", name, queues, queues);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/topics")).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("creating topic " + name + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** One scrape of /actuator/prometheus. */
    PrometheusScrape scrape() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + baseUrl + "/actuator/prometheus answered " + response.statusCode());
        }
        return new PrometheusScrape(response.body());
    }
}

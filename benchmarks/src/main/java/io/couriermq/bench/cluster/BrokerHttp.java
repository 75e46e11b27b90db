package io.couriermq.bench.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broker's HTTP side as the benchmarks use it: create a topic, add up numbers in a JSON answer, scrape
 * /actuator/prometheus.
 */
public final class BrokerHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final String baseUrl;

    public BrokerHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void createTopic(String name, int queues, String messageType) throws IOException, InterruptedException {
        String json = String.format("{\"name\":\"%s\",\"readQueueNums\":%d,\"writeQueueNums\":%d,"
                + "\"messageType\":\"%s\"}", name, queues, queues, messageType);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/topics")).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("creating topic " + name + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** One scrape of /actuator/prometheus. */
    public PrometheusScrape scrape() throws IOException, InterruptedException {
        return new PrometheusScrape(get("/actuator/prometheus"));
    }

    /** The sum of every number named {@code field} in the JSON at {@code path}. */
    public long sum(String path, String field) throws IOException, InterruptedException {
        Pattern number = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?[0-9.E]+)");
        Matcher matcher = number.matcher(get(path));
        long total = 0;
        while (matcher.find()) {
            total += (long) Double.parseDouble(matcher.group(1));
        }
        return total;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT).GET()
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}

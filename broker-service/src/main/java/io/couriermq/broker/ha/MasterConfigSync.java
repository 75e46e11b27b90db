package io.couriermq.broker.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.couriermq.broker.core.group.GroupConfig;
import io.couriermq.broker.core.group.GroupRegistry;
import io.couriermq.broker.core.topic.TopicConfig;
import io.couriermq.broker.core.topic.TopicMessageType;
import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.broker.core.topic.TopicRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Keeps a slave's topics and consumer groups a copy of its master's, as RocketMQ's slaves copy theirs: the commit
 * log carries messages and consumer progress, but not configuration, which lives in each broker's own
 * {@code config/} files. Each {@link #syncOnce()} reads both lists from the master's REST admin (the same
 * {@code /api/topics} and {@code /api/groups} operators use) and makes the slave's registries equal to them, so
 * a topic deleted on the master goes here too. While the master cannot be reached nothing changes: the slave keeps
 * serving the configuration it last copied, which is what keeps the master's topics readable through it.
 *
 * <p>Thread-safe; {@link #syncOnce()} never blocks, the HTTP exchange runs on the client's own threads.
 */
public final class MasterConfigSync {

    private static final Logger LOG = LoggerFactory.getLogger(MasterConfigSync.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<Optional<String>> masterAdminAddress;
    private final TopicRegistry topics;
    private final GroupRegistry groups;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean lastSucceeded = true;

    /** @param masterAdminAddress {@code host:port} of the master's REST admin, empty while unknown */
    public MasterConfigSync(Supplier<Optional<String>> masterAdminAddress, TopicRegistry topics,
                            GroupRegistry groups) {
        this.masterAdminAddress = masterAdminAddress;
        this.topics = topics;
        this.groups = groups;
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    }

    /** Copies the master's configuration once; completes when done, or at once when no master is known. */
    public CompletableFuture<Void> syncOnce() {
        Optional<String> address = masterAdminAddress.get().filter(a -> !a.isBlank());
        if (address.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        String base = "http://" + address.get();
        CompletableFuture<JsonNode> masterTopics = fetch(base + "/api/topics");
        CompletableFuture<JsonNode> masterGroups = fetch(base + "/api/groups");
        return masterTopics.thenCombine(masterGroups, (topicList, groupList) -> {
            mirrorTopics(topicList);
            mirrorGroups(groupList);
            return (Void) null;
        }).whenComplete((done, failure) -> report(base, failure));
    }

    private CompletableFuture<JsonNode> fetch(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
            }
            try {
                return json.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("GET " + url + " did not answer JSON", e);
            }
        });
    }

    private void mirrorTopics(JsonNode list) {
        Set<String> names = new HashSet<>();
        for (JsonNode topic : list) {
            TopicConfig config = new TopicConfig(topic.path("name").asText(), topic.path("readQueueNums").asInt(),
                    topic.path("writeQueueNums").asInt(), topic.path("perm").asInt(),
                    TopicMessageType.valueOf(topic.path("messageType").asText()));
            names.add(config.name());
            topics.put(config);
        }
        List<String> gone = new ArrayList<>();
        topics.all().stream().map(TopicConfig::name)
                .filter(name -> !names.contains(name) && !TopicNames.isSystemTopic(name)).forEach(gone::add);
        gone.forEach(topics::delete);
    }

    /** The admin API shows RocketMQ's retryMaxTimes, the redeliveries after the first attempt. */
    private void mirrorGroups(JsonNode list) {
        Set<String> names = new HashSet<>();
        for (JsonNode group : list) {
            GroupConfig config = new GroupConfig(group.path("name").asText(),
                    group.path("retryMaxTimes").asInt() + 1, group.path("fifo").asBoolean(),
                    group.path("consumeEnable").asBoolean(true));
            names.add(config.name());
            groups.put(config);
        }
        List<String> gone = new ArrayList<>();
        groups.all().stream().map(GroupConfig::name).filter(name -> !names.contains(name)).forEach(gone::add);
        gone.forEach(groups::delete);
    }

    /** Logs when copying starts failing and when it recovers, not on every attempt while the master is away. */
    private void report(String master, Throwable failure) {
        if (failure != null && lastSucceeded) {
            LOG.warn("cannot copy topics and groups from master {}: {}", master, failure.getMessage());
        } else if (failure == null && !lastSucceeded) {
            LOG.info("copying topics and groups from master {} again", master);
        }
        lastSucceeded = failure == null;
    }
}

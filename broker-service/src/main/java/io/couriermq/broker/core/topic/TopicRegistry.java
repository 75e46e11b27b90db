package io.couriermq.broker.core.topic;

import io.couriermq.broker.core.persist.JsonFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The topics this broker serves, kept in {@code <storeDir>/config/topics.json}. Every change is persisted before
 * it becomes visible to callers, bumps {@link #version()} and notifies listeners (the NameServer registrar
 * re-registers at once rather than waiting for its next heartbeat).
 *
 * <p>Thread-safe: reads are lock-free, changes are serialised.
 */
public final class TopicRegistry {

    /** The persisted form. */
    public record Document(List<TopicConfig> topics) {
    }

    private final JsonFile<Document> file;
    private final Map<String, TopicConfig> topics = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong version = new AtomicLong();

    private TopicRegistry(JsonFile<Document> file) {
        this.file = file;
    }

    public static TopicRegistry load(Path configDir) {
        TopicRegistry registry = new TopicRegistry(new JsonFile<>(configDir.resolve("topics.json"), Document.class));
        try {
            registry.file.read().ifPresent(document -> document.topics().forEach(t -> registry.topics.put(t.name(), t)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + registry.file.path(), e);
        }
        registry.version.set(System.currentTimeMillis());
        return registry;
    }

    public Optional<TopicConfig> find(String name) {
        return Optional.ofNullable(topics.get(name));
    }

    public Collection<TopicConfig> all() {
        return List.copyOf(topics.values());
    }

    /** Grows with every change; the NameServer uses it to tell fresh registrations from stale ones. */
    public long version() {
        return version.get();
    }

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Creates or replaces a topic. */
    public synchronized TopicConfig put(TopicConfig config) {
        String problem = TopicNames.topicProblem(config.name());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        TopicConfig previous = topics.put(config.name(), config);
        if (!config.equals(previous)) {
            persistAndNotify();
        }
        return config;
    }

    /** The topic, created with {@code template}'s settings under this name if it does not exist. */
    public synchronized TopicConfig getOrCreate(String name, TopicConfig template) {
        TopicConfig existing = topics.get(name);
        if (existing != null) {
            return existing;
        }
        return put(new TopicConfig(name, template.readQueueNums(), template.writeQueueNums(), template.perm(),
                template.messageType()));
    }

    /** Removes a topic; returns whether it existed. */
    public synchronized boolean delete(String name) {
        if (topics.remove(name) == null) {
            return false;
        }
        persistAndNotify();
        return true;
    }

    private void persistAndNotify() {
        try {
            file.write(new Document(new ArrayList<>(topics.values())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.path(), e);
        }
        version.incrementAndGet();
        listeners.forEach(Runnable::run);
    }
}

package io.couriermq.broker.core.group;

import io.couriermq.broker.core.persist.JsonFile;
import io.couriermq.broker.core.topic.TopicNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consumer groups this broker knows, kept in {@code <storeDir>/config/subscriptionGroup.json}. Groups are
 * created on first use unless {@code autoCreate} is off, as RocketMQ's {@code autoCreateSubscriptionGroup}.
 */
public final class GroupRegistry {

    /** The persisted form. */
    public record Document(List<GroupConfig> groups) {
    }

    private final JsonFile<Document> file;
    private final boolean autoCreate;
    private final Map<String, GroupConfig> groups = new ConcurrentHashMap<>();

    private GroupRegistry(JsonFile<Document> file, boolean autoCreate) {
        this.file = file;
        this.autoCreate = autoCreate;
    }

    public static GroupRegistry load(Path configDir, boolean autoCreate) {
        GroupRegistry registry = new GroupRegistry(
                new JsonFile<>(configDir.resolve("subscriptionGroup.json"), Document.class), autoCreate);
        try {
            registry.file.read().ifPresent(document -> document.groups().forEach(g -> registry.groups.put(g.name(), g)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + registry.file.path(), e);
        }
        return registry;
    }

    public Optional<GroupConfig> find(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    /** The group, created with defaults on first use when auto-creation is on; empty when it is off. */
    public Optional<GroupConfig> resolve(String name) {
        GroupConfig existing = groups.get(name);
        if (existing != null || !autoCreate) {
            return Optional.ofNullable(existing);
        }
        return Optional.of(putIfAbsent(GroupConfig.defaults(name)));
    }

    public Collection<GroupConfig> all() {
        return List.copyOf(groups.values());
    }

    public synchronized GroupConfig put(GroupConfig config) {
        String problem = TopicNames.groupProblem(config.name());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (!config.equals(groups.put(config.name(), config))) {
            persist();
        }
        return config;
    }

    private synchronized GroupConfig putIfAbsent(GroupConfig config) {
        GroupConfig existing = groups.get(config.name());
        return existing != null ? existing : put(config);
    }

    public synchronized boolean delete(String name) {
        if (groups.remove(name) == null) {
            return false;
        }
        persist();
        return true;
    }

    private void persist() {
        try {
            file.write(new Document(new ArrayList<>(groups.values())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.path(), e);
        }
    }
}

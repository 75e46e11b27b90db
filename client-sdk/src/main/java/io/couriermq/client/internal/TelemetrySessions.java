package io.couriermq.client.internal;

import apache.rocketmq.v2.Settings;
import apache.rocketmq.v2.TelemetryCommand;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The client's Telemetry sessions, one per broker its routes name. Sessions open when a broker first appears and
 * close when no route names it any more.
 *
 * <p>Thread-safe.
 */
final class TelemetrySessions {

    private final Rpc rpc;
    private final ClientThreads threads;
    private final Supplier<Settings> settings;
    private final Consumer<Settings> onServerSettings;
    private final BiConsumer<Endpoint, TelemetryCommand> onServerCommand;
    private final Map<Endpoint, TelemetrySession> sessions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    TelemetrySessions(Rpc rpc, ClientThreads threads, Supplier<Settings> settings,
                      Consumer<Settings> onServerSettings, BiConsumer<Endpoint, TelemetryCommand> onServerCommand) {
        this.rpc = rpc;
        this.threads = threads;
        this.settings = settings;
        this.onServerSettings = onServerSettings;
        this.onServerCommand = onServerCommand;
    }

    /** Opens sessions to the endpoints that have none; completes when all of them are ready. */
    CompletableFuture<Void> ensure(Collection<Endpoint> endpoints) {
        List<CompletableFuture<Void>> ready = endpoints.stream().map(this::session)
                .flatMap(Optional::stream).map(TelemetrySession::ready).toList();
        return CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new));
    }

    private Optional<TelemetrySession> session(Endpoint endpoint) {
        if (closed) {
            return Optional.empty();
        }
        boolean[] created = new boolean[1];
        TelemetrySession session = sessions.computeIfAbsent(endpoint, key -> {
            created[0] = true;
            return new TelemetrySession(key, rpc, threads, settings, onServerSettings, onServerCommand);
        });
        if (created[0]) {
            session.open();
        }
        return Optional.of(session);
    }

    /** Closes the sessions of endpoints not in {@code inUse}. */
    void retain(Set<Endpoint> inUse) {
        sessions.entrySet().removeIf(entry -> {
            if (inUse.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().close();
            return true;
        });
    }

    Set<Endpoint> endpoints() {
        return Set.copyOf(sessions.keySet());
    }

    Optional<TelemetrySession> get(Endpoint endpoint) {
        return Optional.ofNullable(sessions.get(endpoint));
    }

    void announceAll() {
        sessions.values().forEach(TelemetrySession::announce);
    }

    /** The problems of the endpoints whose sessions are not ready, for a startup error. */
    String problems(Collection<Endpoint> endpoints) {
        return endpoints.stream().map(sessions::get).filter(s -> s != null && !s.ready().isDone())
                .map(TelemetrySession::lastProblem).collect(Collectors.joining("; "));
    }

    void closeAll() {
        closed = true;
        sessions.values().forEach(TelemetrySession::close);
        sessions.clear();
    }
}

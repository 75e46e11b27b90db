package io.couriermq.broker.core.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients this broker knows, keyed by the client id they send with every call: registered by their
 * settings, kept alive by heartbeats (and any call), removed when they say they are terminating or fall silent
 * for {@link #EXPIRY}. Server-side renewal of push consumers' messages lasts only while their client is alive.
 *
 * <p>Thread-safe.
 */
public final class ClientRegistry {

    /** Clients heartbeat every 10 s; one silent for this long is gone (crashed, or cut off). */
    public static final Duration EXPIRY = Duration.ofSeconds(60);

    /** A client and when it was last heard from. */
    public record Session(ClientInfo info, Instant lastSeen) {
    }

    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public ClientRegistry(Clock clock) {
        this.clock = clock;
    }

    /** Records (or replaces) a client's settings. */
    public void register(ClientInfo info) {
        sessions.put(info.clientId(), new Session(info, clock.instant()));
    }

    /** Notes that a client was heard from; false if the broker has no settings for it. */
    public boolean touch(String clientId) {
        return sessions.computeIfPresent(clientId, (id, session) -> new Session(session.info(), clock.instant()))
                != null;
    }

    public ClientInfo find(String clientId) {
        Session session = sessions.get(clientId);
        return session == null ? null : session.info();
    }

    /** Forgets a client that announced its termination. */
    public void terminate(String clientId) {
        sessions.remove(clientId);
    }

    public boolean isAlive(String clientId) {
        Session session = clientId == null ? null : sessions.get(clientId);
        return session != null && session.lastSeen().plus(EXPIRY).isAfter(clock.instant());
    }

    /** Drops clients silent for longer than {@link #EXPIRY}; returns how many. */
    public int expire() {
        Instant cutoff = clock.instant().minus(EXPIRY);
        int before = sessions.size();
        sessions.values().removeIf(session -> session.lastSeen().isBefore(cutoff));
        return before - sessions.size();
    }

    public List<Session> list() {
        return sessions.values().stream().sorted(Comparator.comparing(s -> s.info().clientId())).toList();
    }
}

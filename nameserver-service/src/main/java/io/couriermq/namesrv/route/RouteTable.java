package io.couriermq.namesrv.route;

import io.couriermq.server.route.TopicRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the NameServer knows: the live broker instances and the topics each serves, kept only in memory and rebuilt
 * from registrations after a restart (brokers register every few seconds).
 *
 * <p>Thread-safe without locks: each broker's state is one immutable {@link RegisteredBroker} that a registration
 * replaces whole, and expiry removes an entry only if it is still the one found silent, so a heartbeat racing the
 * scan is never lost. Queries read a weakly consistent snapshot: each broker as of its latest registration.
 *
 * <p>Time comes from the injected clock, so tests move it by hand.
 */
public final class RouteTable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);

    private final Clock clock;
    private final Duration brokerExpiry;
    private final ConcurrentMap<BrokerKey, RegisteredBroker> brokers = new ConcurrentHashMap<>();

    /** @param brokerExpiry how long a broker may stay silent before {@link #expire()} removes it */
    public RouteTable(Clock clock, Duration brokerExpiry) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (brokerExpiry.isNegative() || brokerExpiry.isZero()) {
            throw new IllegalArgumentException("brokerExpiry must be positive, was " + brokerExpiry);
        }
        this.brokerExpiry = brokerExpiry;
    }

    /** Stores the broker's state, replacing what it reported before, and stamps it with the current time. */
    public RegisteredBroker register(BrokerRegistration registration) {
        RegisteredBroker entry = new RegisteredBroker(registration, clock.instant());
        RegisteredBroker previous = brokers.put(registration.key(), entry);
        if (previous == null) {
            LOG.info("Broker {} registered: {} at {}, {} topics", registration.key(), registration.role(),
                    registration.grpcAddress(), registration.topics().size());
        } else if (previous.registration().stateVersion() != registration.stateVersion()) {
            LOG.info("Broker {} changed its topics (state version {} -> {}): {} topics", registration.key(),
                    previous.registration().stateVersion(), registration.stateVersion(), registration.topics().size());
        }
        return entry;
    }

    /** Removes the broker at once; false if it was not registered. */
    public boolean unregister(BrokerKey key) {
        boolean removed = brokers.remove(key) != null;
        if (removed) {
            LOG.info("Broker {} unregistered", key);
        }
        return removed;
    }

    /** Removes every broker whose latest registration is older than the expiry, and returns them. */
    public List<RegisteredBroker> expire() {
        Instant deadline = clock.instant().minus(brokerExpiry);
        List<RegisteredBroker> expired = new ArrayList<>();
        for (RegisteredBroker entry : brokers.values()) {
            if (entry.lastHeartbeat().isBefore(deadline) && brokers.remove(entry.key(), entry)) {
                expired.add(entry);
                LOG.warn("Broker {} expired: no registration since {} (expiry {})", entry.key(),
                        entry.lastHeartbeat(), brokerExpiry);
            }
        }
        return expired;
    }

    /**
     * The topic's route over all live brokers serving it; for a topic no broker serves, a route over the brokers
     * that create topics on first send, if any. Empty if the topic cannot be reached.
     */
    public Optional<TopicRoute> queryRoute(String topic) {
        return RouteAssembler.route(topic, brokers.values());
    }

    /** The master of the broker group, if it is registered. */
    public Optional<RegisteredBroker> master(String cluster, String brokerName) {
        return Optional.ofNullable(brokers.get(new BrokerKey(cluster, brokerName, 0)));
    }

    public ClusterInfo clusterInfo() {
        return RouteAssembler.clusterInfo(brokers.values());
    }

    /** Names of the topics at least one live broker serves, sorted. */
    public SortedSet<String> topics() {
        SortedSet<String> topics = new TreeSet<>();
        brokers.values().forEach(broker -> topics.addAll(broker.registration().topics().keySet()));
        return topics;
    }

    /** Every live broker instance, in no particular order. */
    public List<RegisteredBroker> brokers() {
        return List.copyOf(brokers.values());
    }
}

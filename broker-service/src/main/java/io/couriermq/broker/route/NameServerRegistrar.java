package io.couriermq.broker.route;

import io.couriermq.broker.core.topic.TopicConfig;
import io.couriermq.broker.core.topic.TopicRegistry;
import io.couriermq.proto.namesrv.v1.BrokerEndpoints;
import io.couriermq.proto.namesrv.v1.BrokerIdentity;
import io.couriermq.proto.namesrv.v1.BrokerRole;
import io.couriermq.proto.namesrv.v1.MessageType;
import io.couriermq.proto.namesrv.v1.NameServerGrpc;
import io.couriermq.proto.namesrv.v1.QueryTopicRouteRequest;
import io.couriermq.proto.namesrv.v1.QueryTopicRouteResponse;
import io.couriermq.proto.namesrv.v1.RegisterBrokerRequest;
import io.couriermq.proto.namesrv.v1.RegisterBrokerResponse;
import io.couriermq.proto.namesrv.v1.UnregisterBrokerRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Registers this broker with every NameServer it is configured with and keeps the registration fresh: at start,
 * every heartbeat interval, and at once whenever its topics change. NameServers share nothing, so each gets the
 * broker's full state on its own; one being down does not hold up the others. Over the same channels it looks up
 * routes, for clients that use this broker as their access point. A slave learns from the answers where its master
 * is ({@link #master()}).
 *
 * <p>Threading: registrations run on the shared scheduler; {@link #lastRegistrations()} may be read anywhere.
 */
public final class NameServerRegistrar implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NameServerRegistrar.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    /** Who this broker is and how it is reached. */
    public record Registration(String clusterName, String brokerName, long brokerId, BrokerRole role,
                               Supplier<String> grpcAddress, Supplier<String> adminAddress, Supplier<String> haAddress,
                               boolean autoCreateTopics, int defaultTopicQueueNums) {
    }

    private final Registration registration;
    private final TopicRegistry topics;
    private final LongSupplier maxPhysicalOffset;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();
    private final AtomicReference<MasterEndpoints> master = new AtomicReference<>();

    /** Where a slave's master is reached, each as {@code host:port}. */
    public record MasterEndpoints(String haAddress, String grpcAddress, String adminAddress) {
    }

    public NameServerRegistrar(List<String> nameServers, Registration registration, TopicRegistry topics,
                               LongSupplier maxPhysicalOffset, ScheduledExecutorService scheduler, Clock clock) {
        this.registration = registration;
        this.topics = topics;
        this.maxPhysicalOffset = maxPhysicalOffset;
        this.scheduler = scheduler;
        this.clock = clock;
        for (String address : nameServers) {
            channels.put(address, NettyChannelBuilder.forTarget(address).usePlaintext().build());
        }
    }

    /** Parses RocketMQ's {@code host:port;host:port} NameServer list. */
    public static List<String> parseAddresses(String namesrvAddr) {
        List<String> addresses = new ArrayList<>();
        if (namesrvAddr == null) {
            return addresses;
        }
        for (String part : namesrvAddr.split(";")) {
            String address = part.trim();
            if (address.isEmpty()) {
                continue;
            }
            if (!address.matches("[^:]+:\\d{1,5}")) {
                throw new IllegalArgumentException("NameServer address '" + address + "' is not host:port");
            }
            addresses.add(address);
        }
        return addresses;
    }

    public void start(Duration interval) {
        topics.onChange(this::registerSoon);
        scheduler.scheduleWithFixedDelay(this::registerWithAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Registers again without waiting for the next heartbeat, off the caller's thread. */
    public void registerSoon() {
        scheduler.execute(this::registerWithAll);
    }

    /** Registers with each NameServer once, now. */
    private void registerWithAll() {
        RegisterBrokerRequest request = buildRequest();
        channels.forEach((address, channel) -> {
            try {
                RegisterBrokerResponse response = NameServerGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .registerBroker(request);
                rememberMaster(response);
                Instant previous = lastSuccess.put(address, clock.instant());
                if (previous == null) {
                    LOG.info("registered with NameServer {}", address);
                }
            } catch (RuntimeException e) {
                if (lastSuccess.remove(address) != null) {
                    LOG.warn("lost NameServer {}: {}", address, e.getMessage());
                } else {
                    LOG.debug("cannot register with NameServer {}: {}", address, e.getMessage());
                }
            }
        });
    }

    /**
     * Keeps the master a NameServer named. An answer without one (the master expired from the routes) keeps the last
     * one known: a master that crashed most likely comes back at the same address, and the slave then finds it before
     * it registers again.
     */
    private void rememberMaster(RegisterBrokerResponse response) {
        if (!response.getMasterHaAddress().isEmpty()) {
            master.set(new MasterEndpoints(response.getMasterHaAddress(), response.getMasterGrpcAddress(),
                    response.getMasterAdminAddress()));
        }
    }

    /** For a slave: its master as the NameServers last named it; empty until one did, and always for a master. */
    public Optional<MasterEndpoints> master() {
        return Optional.ofNullable(master.get());
    }

    private RegisterBrokerRequest buildRequest() {
        RegisterBrokerRequest.Builder request = RegisterBrokerRequest.newBuilder()
                .setIdentity(BrokerIdentity.newBuilder().setClusterName(registration.clusterName())
                        .setBrokerName(registration.brokerName()).setBrokerId(registration.brokerId()))
                .setEndpoints(BrokerEndpoints.newBuilder().setGrpcAddress(registration.grpcAddress().get())
                        .setAdminAddress(registration.adminAddress().get()).setHaAddress(registration.haAddress().get()))
                .setRole(registration.role())
                .setMaxPhysicalOffset(maxPhysicalOffset.getAsLong())
                .setStateVersion(topics.version())
                .setBrokerPermission(registration.role() == BrokerRole.SLAVE ? TopicConfig.PERM_READ
                        : TopicConfig.PERM_READ_WRITE)
                .setAutoCreateTopics(registration.autoCreateTopics())
                .setDefaultTopicQueueNums(registration.defaultTopicQueueNums());
        for (TopicConfig topic : topics.all()) {
            request.addTopics(io.couriermq.proto.namesrv.v1.TopicConfig.newBuilder()
                    .setName(topic.name())
                    .setReadQueueNums(topic.readQueueNums())
                    .setWriteQueueNums(topic.writeQueueNums())
                    .setPerm(topic.perm())
                    .setMessageType(MessageType.valueOf(topic.messageType().name())));
        }
        return request.build();
    }

    /**
     * The NameServers' route for a topic, from the first one that answers; empty when none is configured or none
     * answers, so the caller falls back to what this broker knows.
     */
    public CompletableFuture<Optional<QueryTopicRouteResponse>> queryTopicRoute(String topic) {
        return queryFrom(List.copyOf(channels.values()), 0,
                QueryTopicRouteRequest.newBuilder().setTopic(topic).build());
    }

    private CompletableFuture<Optional<QueryTopicRouteResponse>> queryFrom(List<ManagedChannel> candidates, int index,
                                                                            QueryTopicRouteRequest request) {
        if (index >= candidates.size()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<QueryTopicRouteResponse>> result = new CompletableFuture<>();
        NameServerGrpc.newStub(candidates.get(index))
                .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .queryTopicRoute(request, new StreamObserver<>() {
                    @Override
                    public void onNext(QueryTopicRouteResponse response) {
                        result.complete(Optional.of(response));
                    }

                    @Override
                    public void onError(Throwable error) {
                        queryFrom(candidates, index + 1, request).whenComplete((next, failure) ->
                                result.complete(failure == null ? next : Optional.empty()));
                    }

                    @Override
                    public void onCompleted() {
                        result.complete(Optional.empty());
                    }
                });
        return result;
    }

    /** When each NameServer last accepted a registration; a missing entry means it currently does not. */
    public Map<String, Instant> lastRegistrations() {
        return Map.copyOf(lastSuccess);
    }

    public List<String> nameServers() {
        return List.copyOf(channels.keySet());
    }

    /** Unregisters from every NameServer, so routes drop this broker at once instead of after expiry. */
    @Override
    public void close() {
        UnregisterBrokerRequest request = UnregisterBrokerRequest.newBuilder()
                .setIdentity(BrokerIdentity.newBuilder().setClusterName(registration.clusterName())
                        .setBrokerName(registration.brokerName()).setBrokerId(registration.brokerId()))
                .build();
        channels.forEach((address, channel) -> {
            try {
                NameServerGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .unregisterBroker(request);
            } catch (RuntimeException e) {
                LOG.warn("cannot unregister from NameServer {}: {}", address, e.getMessage());
            }
            channel.shutdownNow();
        });
    }
}

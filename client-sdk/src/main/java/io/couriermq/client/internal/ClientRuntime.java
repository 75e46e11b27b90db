package io.couriermq.client.internal;

import apache.rocketmq.v2.HeartbeatRequest;
import apache.rocketmq.v2.Language;
import apache.rocketmq.v2.MessagingServiceGrpc.MessagingServiceStub;
import apache.rocketmq.v2.NotifyClientTerminationRequest;
import apache.rocketmq.v2.NotifyClientTerminationResponse;
import apache.rocketmq.v2.Resource;
import apache.rocketmq.v2.Settings;
import apache.rocketmq.v2.UA;
import com.google.protobuf.util.Durations;
import io.couriermq.client.ClientConfig;
import io.couriermq.client.ClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every client needs whatever its role: its id and threads, channels, routes (refreshed every 30 s),
 * Telemetry sessions with the brokers of those routes, heartbeats every 10 s, and an orderly shutdown that tells
 * the brokers the client is gone. Producers and consumers each own one.
 *
 * <p>Thread-safe.
 */
public final class ClientRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRuntime.class);
    static final Duration ROUTE_REFRESH = Duration.ofSeconds(30);
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    /** Time for brokers to answer the settings on top of the request itself (connection set-up, TLS). */
    private static final Duration SETTINGS_SLACK = Duration.ofSeconds(3);

    private final ClientConfig config;
    private final ClientRole role;
    private final ClientThreads threads;
    private final String clientId;
    private final Endpoint accessPoint;
    private final ChannelPool channels;
    private final Rpc rpc;
    private final RouteCache routes;
    private final TelemetrySessions sessions;
    private final EndpointIsolation isolation = new EndpointIsolation();
    private final Heartbeats heartbeats;
    private final List<ScheduledFuture<?>> periodic;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ClientRuntime(ClientConfig config, ClientRole role) {
        this.config = config;
        this.role = role;
        this.threads = new ClientThreads();
        this.clientId = ClientId.of(threads.index());
        this.accessPoint = Endpoint.parse(config.endpoints());
        this.channels = new ChannelPool(config.tls(), new RequestHeaders(clientId, config.namespace()), threads);
        this.rpc = new Rpc(channels, config.requestTimeout(), threads.callbacks());
        this.sessions = new TelemetrySessions(rpc, threads, this::settings, role::onServerSettings,
                (broker, command) -> role.onServerCommand(this, broker, command));
        this.routes = new RouteCache(rpc, accessPoint, config.namespace(), this::onRoute);
        this.heartbeats = new Heartbeats(rpc, sessions, isolation, heartbeatRequest());
        this.periodic = List.of(
                threads.every(ROUTE_REFRESH, ROUTE_REFRESH, routes::refreshAll),
                threads.every(HEARTBEAT, HEARTBEAT, heartbeats::beat));
    }

    /**
     * Creates the runtime and gets it ready for {@code topics}: their routes, and a Telemetry session with each of
     * their brokers that has answered the client's settings. Fails (closing everything) if that takes longer than
     * twice the request timeout plus a few seconds.
     */
    public static ClientRuntime start(ClientConfig config, ClientRole role, Collection<String> topics) {
        ClientRuntime runtime = new ClientRuntime(config, role);
        try {
            runtime.awaitReady(topics);
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private void awaitReady(Collection<String> topics) {
        Set<Endpoint> brokers = ConcurrentHashMap.newKeySet();
        CompletableFuture<?>[] queries = topics.stream().map(topic -> routes.route(topic)
                .thenAccept(route -> brokers.addAll(route.masterEndpoints()))).toArray(CompletableFuture[]::new);
        CompletableFuture<Void> ready = CompletableFuture.allOf(queries)
                .thenCompose(done -> sessions.ensure(Set.copyOf(brokers)));
        Duration timeout = config.requestTimeout().multipliedBy(2).plus(SETTINGS_SLACK);
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw Futures.inCaller(e);
        } catch (TimeoutException e) {
            throw new ClientException(ClientException.NO_STATUS, "brokers " + brokers + " did not answer the "
                    + "client's settings within " + timeout + ": " + sessions.problems(brokers), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(ClientException.NO_STATUS, "interrupted while starting", e);
        }
    }

    /** Opens sessions with brokers a route newly names, and closes those no route names any more. */
    private void onRoute(TopicRoute route) {
        sessions.ensure(route.masterEndpoints());
        Set<Endpoint> inUse = new LinkedHashSet<>();
        routes.all().forEach(known -> inUse.addAll(known.masterEndpoints()));
        sessions.retain(inUse);
    }

    private Settings settings() {
        return Settings.newBuilder(role.settings())
                .setClientType(role.clientType())
                .setAccessPoint(accessPoint.toProto())
                .setRequestTimeout(Durations.fromNanos(config.requestTimeout().toNanos()))
                .setUserAgent(UA.newBuilder().setLanguage(Language.JAVA).setVersion(ClientVersion.VALUE)
                        .setPlatform(System.getProperty("os.name") + " " + System.getProperty("os.version"))
                        .setHostname(ClientId.hostName()))
                .build();
    }

    private HeartbeatRequest heartbeatRequest() {
        HeartbeatRequest.Builder request = HeartbeatRequest.newBuilder().setClientType(role.clientType());
        role.group().ifPresent(group -> request.setGroup(resource(group)));
        return request.build();
    }

    /** The route of a topic, from the cache or the access point. */
    public CompletableFuture<TopicRoute> route(String topic) {
        return routes.route(topic);
    }

    /** Asks the access point for the topic's route again, e.g. after the broker said the topic is not there. */
    public CompletableFuture<TopicRoute> refreshRoute(String topic) {
        return routes.refresh(topic);
    }

    /** Tells every broker the client's settings again, e.g. after the set of topics it publishes to grew. */
    public void announceSettings() {
        sessions.announceAll();
    }

    /** A resource name (topic or group) in the client's namespace. */
    public Resource resource(String name) {
        return Resource.newBuilder().setResourceNamespace(config.namespace()).setName(name).build();
    }

    public Rpc rpc() {
        return rpc;
    }

    public ClientThreads threads() {
        return threads;
    }

    public EndpointIsolation isolation() {
        return isolation;
    }

    public Endpoint accessPoint() {
        return accessPoint;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Tells every broker the client terminates (waiting at most one request timeout for their answers), ends the
     * Telemetry streams, and stops channels and threads. Idempotent. The role stops its own work first.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        periodic.forEach(task -> task.cancel(false));
        notifyTermination();
        sessions.closeAll();
        channels.close();
        threads.close();
    }

    private void notifyTermination() {
        NotifyClientTerminationRequest.Builder request = NotifyClientTerminationRequest.newBuilder();
        role.group().ifPresent(group -> request.setGroup(resource(group)));
        CompletableFuture<?>[] notices = sessions.endpoints().stream()
                .map(endpoint -> rpc.<NotifyClientTerminationRequest, NotifyClientTerminationResponse>unary(
                        endpoint, request.build(), MessagingServiceStub::notifyClientTermination))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(notices).get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("not every broker answered the termination notice of {}", clientId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

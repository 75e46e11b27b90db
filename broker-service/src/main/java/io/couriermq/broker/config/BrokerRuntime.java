package io.couriermq.broker.config;

import io.couriermq.broker.core.client.ClientRegistry;
import io.couriermq.broker.core.consume.ConsumptionService;
import io.couriermq.broker.core.consume.LongPolling;
import io.couriermq.broker.core.consume.ProgressJournal;
import io.couriermq.broker.core.consume.PullService;
import io.couriermq.broker.core.group.GroupRegistry;
import io.couriermq.broker.core.produce.SendService;
import io.couriermq.broker.core.timer.ArrivalSignal;
import io.couriermq.broker.core.timer.TimerConfig;
import io.couriermq.broker.core.timer.TimerService;
import io.couriermq.broker.core.topic.TopicConfig;
import io.couriermq.broker.core.topic.TopicMessageType;
import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.broker.core.topic.TopicRegistry;
import io.couriermq.broker.core.transaction.TransactionChecker;
import io.couriermq.broker.core.transaction.TransactionConfig;
import io.couriermq.broker.core.transaction.TransactionService;
import io.couriermq.broker.grpc.BrokerGrpcServer;
import io.couriermq.broker.ha.BrokerReplication;
import io.couriermq.broker.ha.MasterConfigSync;
import io.couriermq.broker.grpc.NameServerRoutes;
import io.couriermq.broker.metrics.BrokerMetrics;
import io.couriermq.broker.route.NameServerRegistrar;
import io.couriermq.proto.namesrv.v1.BrokerRole;
import io.couriermq.server.grpc.ServerCertificate;
import io.couriermq.store.ByteSize;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoreConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Everything a running broker consists of, started in dependency order and closed in reverse: store, topic and
 * group registries, replication (a master's HA server or a slave's copy of its master), consumption, the gRPC
 * server and the NameServer registration. Plain Java: the Spring layer only builds it from
 * {@link BrokerProperties} and {@link ReplicationProperties} and exposes its parts to the REST and metrics
 * adapters.
 */
public final class BrokerRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerRuntime.class);
    private static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(5);
    private static final int READ_THREADS = 8;
    /** A slave's own acknowledgements, made while it serves for its master (see ProgressJournal.onReplica). */
    private static final String SLAVE_ACK_LOG = "slaveConsumerAcks.log";

    private final BrokerProperties properties;
    private final MessageStore store;
    private final BrokerReplication replication;
    private final TopicRegistry topics;
    private final GroupRegistry groups;
    private final ClientRegistry clients;
    private final ConsumptionService consumption;
    private final SendService sends;
    private final TimerService timer;
    private final TransactionService transactions;
    private final TransactionChecker transactionChecker;
    private final BrokerGrpcServer grpcServer;
    private final NameServerRegistrar registrar;
    private final ExecutorService readExecutor;
    private final ExecutorService replicatedSendExecutor;
    private final ScheduledExecutorService scheduler;
    private final String advertisedHost;

    private BrokerRuntime(Builder b) {
        this.properties = b.properties;
        this.store = b.store;
        this.replication = b.replication;
        this.topics = b.topics;
        this.groups = b.groups;
        this.clients = b.clients;
        this.consumption = b.consumption;
        this.sends = b.sends;
        this.timer = b.timer;
        this.transactions = b.transactions;
        this.transactionChecker = b.transactionChecker;
        this.grpcServer = b.grpcServer;
        this.registrar = b.registrar;
        this.readExecutor = b.readExecutor;
        this.replicatedSendExecutor = b.replicatedSendExecutor;
        this.scheduler = b.scheduler;
        this.advertisedHost = b.advertisedHost;
    }

    /** Mutable state while starting; on failure, what was started so far is closed again. */
    private static final class Builder {
        BrokerProperties properties;
        MessageStore store;
        BrokerReplication replication;
        TopicRegistry topics;
        GroupRegistry groups;
        ClientRegistry clients;
        ConsumptionService consumption;
        SendService sends;
        TimerService timer;
        TransactionService transactions;
        TransactionChecker transactionChecker;
        BrokerGrpcServer grpcServer;
        NameServerRegistrar registrar;
        ExecutorService readExecutor;
        ExecutorService replicatedSendExecutor;
        ScheduledExecutorService scheduler;
        String advertisedHost;
    }

    /**
     * @param adminPort the HTTP port of the REST admin, 0 while not yet known; read at each NameServer registration
     */
    public static BrokerRuntime start(BrokerProperties properties, ReplicationProperties replication,
                                      MeterRegistry meters, IntSupplier adminPort) throws Exception {
        BrokerRoles.check(properties);
        Builder b = new Builder();
        b.properties = properties;
        Clock clock = Clock.systemDefaultZone();
        b.scheduler = new ScheduledThreadPoolExecutor(2, named("courier-broker-scheduler"));
        // Receives and pulls, first attempts and long-poll retries alike: their store reads may wait for the disk.
        b.readExecutor = fixedPool(READ_THREADS, "courier-broker-read");
        // Answers sync double-writes once a slave confirms, off the replication timer thread.
        b.replicatedSendExecutor = fixedPool(2, "courier-broker-replicated-send");
        try {
            Path configDir = properties.storePathRootDir().resolve("config");
            boolean slave = BrokerRoles.isSlave(properties);
            LongPolling longPolling = new LongPolling(b.readExecutor, b.scheduler);
            ArrivalSignal timerArrivals = new ArrivalSignal(TopicNames.TIMER_TOPIC);
            BrokerMetrics metrics = new BrokerMetrics(meters);
            b.store = MessageStore.open(storeConfig(properties), List.of(longPolling, timerArrivals));
            b.topics = TopicRegistry.load(configDir);
            b.groups = GroupRegistry.load(configDir, properties.autoCreateSubscriptionGroup());
            b.topics.getOrCreate(TopicNames.CONSUMER_JOURNAL_TOPIC,
                    TopicConfig.of(TopicNames.CONSUMER_JOURNAL_TOPIC, 1, TopicMessageType.NORMAL));
            b.clients = new ClientRegistry(clock);
            String advertisedHost = advertisedHost(properties);
            b.advertisedHost = advertisedHost;
            int[] grpcPort = {properties.grpcPort()};
            b.registrar = new NameServerRegistrar(NameServerRegistrar.parseAddresses(properties.namesrvAddr()),
                    new NameServerRegistrar.Registration(properties.brokerClusterName(), properties.brokerName(),
                            properties.brokerId(), BrokerRole.valueOf(properties.brokerRole().name()),
                            () -> advertisedHost + ":" + grpcPort[0],
                            () -> adminPort.getAsInt() > 0 ? advertisedHost + ":" + adminPort.getAsInt() : "",
                            () -> b.replication == null ? "" : b.replication.haAddress(),
                            properties.autoCreateTopicEnable() && !slave, properties.defaultTopicQueueNums()),
                    b.topics, () -> b.store.stats().logWrittenOffset(), b.scheduler, clock);
            b.replication = BrokerRoles.startReplication(properties, replication, b.store, advertisedHost,
                    b.registrar, b.replicatedSendExecutor);
            if (slave) {
                MasterConfigSync configSync = new MasterConfigSync(
                        () -> b.registrar.master().map(NameServerRegistrar.MasterEndpoints::adminAddress),
                        b.topics, b.groups);
                b.scheduler.scheduleWithFixedDelay(configSync::syncOnce, 0,
                        properties.registerInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
            ProgressJournal progress = slave
                    ? ProgressJournal.onReplica(b.store, configDir.resolve(SLAVE_ACK_LOG), properties.flushDiskType())
                    : ProgressJournal.inStore(b.store);
            b.consumption = new ConsumptionService(b.store, longPolling, b.topics, b.groups, progress, configDir,
                    clock, b.clients::isAlive, properties.maxUnackedWindow());
            b.consumption.recover();
            b.consumption.start(b.scheduler, SNAPSHOT_INTERVAL);
            b.scheduler.scheduleWithFixedDelay(b.clients::expire, 10, 10, TimeUnit.SECONDS);
            Path timerDir = properties.storePathRootDir().resolve("timer");
            // A slave releases nothing itself: its master's releases reach it by replication.
            b.timer = slave
                    ? TimerService.idle(b.store, timerDir, timerConfig(properties), clock, timerArrivals)
                    : TimerService.start(b.store, timerDir, timerConfig(properties), clock, timerArrivals,
                            metrics::recordDelayLateness);
            TransactionConfig transactionConfig = new TransactionConfig(properties.transactionTimeOut(),
                    properties.transactionCheckInterval(), properties.transactionCheckMax());
            b.transactions = TransactionService.open(b.store, configDir, transactionConfig, clock,
                    metrics::recordTransactionEnd);
            b.sends = new SendService(b.replication.appender(), b.topics, b.timer.parking(),
                    properties.maxMessageSize(), properties.autoCreateTopicEnable() && !slave,
                    properties.defaultTopicQueueNums());
            NameServerRoutes routes = b.registrar.nameServers().isEmpty() ? NameServerRoutes.NONE
                    : NameServerRoutes.of(b.registrar::queryTopicRoute);
            b.grpcServer = BrokerGrpcServer.start(
                    new BrokerGrpcServer.Services(b.store, b.topics, b.groups, b.sends, b.consumption,
                            new PullService(b.store, longPolling), b.clients, b.transactions, routes, metrics),
                    new BrokerGrpcServer.Endpoint(properties.brokerName(), (int) properties.brokerId(), advertisedHost,
                            new InetSocketAddress(properties.bindAddress(), properties.grpcPort()),
                            properties.maxMessageSize(), properties.autoCreateTopicEnable() && !slave,
                            properties.defaultTopicQueueNums()),
                    sslContext(properties, advertisedHost), b.readExecutor);
            grpcPort[0] = b.grpcServer.port();
            if (!slave) {
                b.transactionChecker = TransactionChecker.start(b.transactions, b.grpcServer.orphanedTransactionProbe(),
                        transactionConfig, clock, b.scheduler);
            }
            LOG.info("broker {} ({}, brokerId {}) serving RocketMQ 5 gRPC on {}:{} (TLS and plaintext), store in {}",
                    properties.brokerName(), properties.brokerRole(), properties.brokerId(), advertisedHost,
                    b.grpcServer.port(), properties.storePathRootDir());
            b.registrar.start(properties.registerInterval());
            return new BrokerRuntime(b);
        } catch (Exception | Error e) {
            new BrokerRuntime(b).close();
            throw e;
        }
    }

    static StoreConfig storeConfig(BrokerProperties p) {
        return StoreConfig.builder(p.storePathRootDir())
                .flushMode(p.flushDiskType())
                .commitLogSegmentSize(ByteSize.ofBytes(p.mappedFileSizeCommitLog()))
                .maxMessageSize(ByteSize.ofBytes(p.maxMessageSize()))
                .flushInterval(p.flushIntervalCommitLog())
                .syncFlushTimeout(p.syncFlushTimeout())
                .deleteHours(parseHours(p.deleteWhen()))
                .fileReservedTime(Duration.ofHours(p.fileReservedTime()))
                .diskCleanRatio(p.diskMaxUsedSpaceRatio() / 100.0)
                .diskRefuseWritesRatio(Math.max(0.95, p.diskMaxUsedSpaceRatio() / 100.0))
                .storeHost(new InetSocketAddress(p.brokerIp().isEmpty() ? "127.0.0.1" : p.brokerIp(), p.grpcPort()))
                .replica(BrokerRoles.isSlave(p))
                .build();
    }

    /**
     * Timer messages are appended anew after half the commit log's retention time, so retention never deletes one
     * that is still waiting.
     */
    static TimerConfig timerConfig(BrokerProperties p) {
        return TimerConfig.of(Duration.ofSeconds(p.timerMaxDelaySec()), Duration.ofHours(p.fileReservedTime())
                .dividedBy(2));
    }

    /** RocketMQ's deleteWhen: hours of the day separated by ';', e.g. {@code 04} or {@code 04;10}. */
    static Set<Integer> parseHours(String deleteWhen) {
        Set<Integer> hours = new HashSet<>();
        for (String hour : deleteWhen.split(";")) {
            if (!hour.isBlank()) {
                hours.add(Integer.parseInt(hour.trim()));
            }
        }
        return hours;
    }

    private static String advertisedHost(BrokerProperties properties) throws java.net.SocketException {
        if (!properties.brokerIp().isEmpty()) {
            return properties.brokerIp();
        }
        return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof java.net.Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress())
                .map(java.net.InetAddress::getHostAddress)
                .findFirst().orElse("127.0.0.1");
    }

    private static SslContext sslContext(BrokerProperties properties, String advertisedHost) throws Exception {
        if (properties.tlsCertificateChain() != null && properties.tlsPrivateKey() != null) {
            return ServerCertificate.fromFiles(properties.tlsCertificateChain().toFile(),
                    properties.tlsPrivateKey().toFile());
        }
        return ServerCertificate.selfSigned(advertisedHost);
    }

    private static ExecutorService fixedPool(int threads, String name) {
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                named(name));
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public BrokerProperties properties() {
        return properties;
    }

    public MessageStore store() {
        return store;
    }

    /** The master's HA server or the slave's copy of its master. */
    public BrokerReplication replication() {
        return replication;
    }

    public TopicRegistry topics() {
        return topics;
    }

    public GroupRegistry groups() {
        return groups;
    }

    public ClientRegistry clients() {
        return clients;
    }

    public SendService sends() {
        return sends;
    }

    public TimerService timer() {
        return timer;
    }

    public TransactionService transactions() {
        return transactions;
    }

    public ConsumptionService consumption() {
        return consumption;
    }

    public NameServerRegistrar registrar() {
        return registrar;
    }

    public int grpcPort() {
        return grpcServer.port();
    }

    /** The {@code host:port} clients reach this broker's gRPC endpoint at. */
    public String grpcAddress() {
        return advertisedHost + ":" + grpcServer.port();
    }

    /** Stops taking requests, leaves the NameServers, saves consumer progress, and closes the store last. */
    @Override
    public void close() {
        closeQuietly("NameServer registration", registrar);
        closeQuietly("gRPC server", grpcServer);
        closeQuietly("timer", timer);
        closeQuietly("transaction checker", transactionChecker);
        closeQuietly("transactions", transactions);
        closeQuietly("consumer progress", consumption);
        closeQuietly("replication", replication);
        closeQuietly("message store", store);
        for (ExecutorService executor : new ExecutorService[] {scheduler, readExecutor, replicatedSendExecutor}) {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.error("closing the {} failed", what, e);
        }
    }
}

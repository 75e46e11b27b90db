package io.couriermq.broker.grpc;

import io.couriermq.broker.core.client.ClientRegistry;
import io.couriermq.broker.core.consume.ConsumptionService;
import io.couriermq.broker.core.consume.PullService;
import io.couriermq.broker.core.group.GroupRegistry;
import io.couriermq.broker.core.produce.SendService;
import io.couriermq.broker.core.topic.TopicRegistry;
import io.couriermq.broker.core.transaction.OrphanedTransactionProbe;
import io.couriermq.broker.core.transaction.TransactionService;
import io.couriermq.broker.metrics.BrokerMetrics;
import io.couriermq.server.grpc.GrpcServers;
import io.couriermq.store.MessageStore;
import io.grpc.Server;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** The broker's gRPC endpoint: RocketMQ 5's MessagingService on one port, TLS and plaintext. */
public final class BrokerGrpcServer implements AutoCloseable {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    /** Everything the protocol layer serves from. */
    public record Services(MessageStore store, TopicRegistry topics, GroupRegistry groups, SendService sends,
                           ConsumptionService consumption, PullService pulls, ClientRegistry clients,
                           TransactionService transactions, NameServerRoutes nameServerRoutes,
                           BrokerMetrics metrics) {
    }

    /**
     * How clients reach this broker, and the settings the protocol layer answers with.
     *
     * @param advertisedHost host or IP in routes and assignments (RocketMQ's brokerIP1)
     */
    public record Endpoint(String brokerName, int brokerId, String advertisedHost, InetSocketAddress bindAddress,
                           int maxMessageSize, boolean autoCreateTopics, int defaultTopicQueueNums) {
    }

    private final Server server;
    private final OrphanedTransactionProbe orphanedTransactionProbe;

    private BrokerGrpcServer(Server server, OrphanedTransactionProbe orphanedTransactionProbe) {
        this.server = server;
        this.orphanedTransactionProbe = orphanedTransactionProbe;
    }

    /**
     * @param reads runs the calls that read messages (receive, pull, offset queries); everything else runs on the
     *              transport's threads, as none of it waits
     */
    public static BrokerGrpcServer start(Services services, Endpoint endpoint, SslContext sslContext,
                                         Executor reads) throws IOException {
        // Routes name the port, which is known only once bound when port 0 asks for a free one.
        AtomicInteger boundPort = new AtomicInteger(endpoint.bindAddress().getPort());
        LocalBroker local = new LocalBroker(endpoint.brokerName(), endpoint.brokerId(), endpoint.advertisedHost(),
                boundPort::get);
        MessageConverter converter = new MessageConverter(local);
        ProducerStreams producerStreams = new ProducerStreams();
        MessagingGrpcService service = new MessagingGrpcService(
                new RouteRpcs(services.topics(), local, services.nameServerRoutes(), endpoint.autoCreateTopics(),
                        endpoint.defaultTopicQueueNums()),
                new ProducerRpcs(services.sends(), converter, services.metrics()),
                new ConsumerRpcs(services.consumption(), services.topics(), services.groups(), converter, local,
                        services.nameServerRoutes(), services.metrics()),
                new PullRpcs(services.pulls(), services.consumption(), services.store(), converter),
                new TelemetrySessions(services.clients(), services.groups(),
                        new ServerSettings(endpoint.maxMessageSize()), producerStreams),
                new TransactionRpcs(services.transactions()), reads);
        Server server = GrpcServers.startOnTransportThreads(endpoint.bindAddress(), sslContext, List.of(service));
        boundPort.set(server.getPort());
        return new BrokerGrpcServer(server,
                new OrphanedTransactionChecks(services.clients(), producerStreams, converter));
    }

    /** Asks producers connected to this server about transactions they left open. */
    public OrphanedTransactionProbe orphanedTransactionProbe() {
        return orphanedTransactionProbe;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        GrpcServers.stop(server, SHUTDOWN_GRACE);
    }
}

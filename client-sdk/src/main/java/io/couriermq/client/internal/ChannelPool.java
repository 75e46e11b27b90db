package io.couriermq.client.internal;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC channel per endpoint, created on first use and shared by every call to that endpoint. Channels run on
 * the client's own threads. Call callbacks run on the network threads themselves unless a call names an executor:
 * {@link Rpc} only collects responses there and hands each finished call to the callback threads once, where a
 * callback executor per channel would hand over every response of a stream, one thread wake-up each. With TLS,
 * any server certificate is trusted, as the official client does: brokers commonly serve a self-signed one.
 */
final class ChannelPool implements AutoCloseable {

    /** One message of a stream carries one RocketMQ message, whose body may be up to the broker's limit. */
    private static final int MAX_INBOUND_MESSAGE_BYTES = 130 * 1024 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);

    private final SslContext sslContext;
    private final RequestHeaders headers;
    private final ClientThreads threads;
    private final Map<Endpoint, ManagedChannel> channels = new ConcurrentHashMap<>();

    ChannelPool(boolean tls, RequestHeaders headers, ClientThreads threads) {
        this.sslContext = tls ? insecureTls() : null;
        this.headers = headers;
        this.threads = threads;
    }

    ManagedChannel channel(Endpoint endpoint) {
        return channels.computeIfAbsent(endpoint, this::open);
    }

    private ManagedChannel open(Endpoint endpoint) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                .eventLoopGroup(threads.ioGroup())
                .channelType(NioSocketChannel.class)
                .directExecutor()
                .offloadExecutor(threads.callbacks())
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .disableRetry()
                .intercept(headers);
        if (sslContext == null) {
            builder.usePlaintext();
        } else {
            builder.sslContext(sslContext);
        }
        return builder.build();
    }

    private static SslContext insecureTls() {
        try {
            return GrpcSslContexts.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    /** Gives running calls a moment to finish, then cancels the rest and waits for every channel to terminate. */
    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : channels.values()) {
            try {
                if (!channel.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    channel.shutdownNow();
                    channel.awaitTermination(SHUTDOWN_GRACE.toMillis() * 5, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                channel.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        channels.clear();
    }
}

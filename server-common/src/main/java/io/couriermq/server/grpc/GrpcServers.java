package io.couriermq.server.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Builds and stops the gRPC servers of both services the same way: TLS and plaintext on one port, request metadata
 * captured, inbound messages up to {@link #MAX_INBOUND_MESSAGE_BYTES}, keep-alive pings tolerated as often as
 * clients send them.
 */
public final class GrpcServers {

    /** RocketMQ's proxy allows 130 MiB; a batch of 4 MiB messages fits. */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 130 * 1024 * 1024;

    private GrpcServers() {
    }

    /** Starts a server on {@code address} serving {@code services}, running calls on {@code executor}. */
    public static Server start(InetSocketAddress address, SslContext sslContext, Executor executor,
                               List<BindableService> services) throws IOException {
        return builder(address, sslContext, services).executor(executor).build().start();
    }

    /**
     * Starts a server whose services run on the transport's event-loop threads, saving a thread hand-off per call
     * event. The services must never block: whatever may wait (disk reads, remote calls) they hand to an executor
     * of their own.
     */
    public static Server startOnTransportThreads(InetSocketAddress address, SslContext sslContext,
                                                 List<BindableService> services) throws IOException {
        return builder(address, sslContext, services).directExecutor().build().start();
    }

    private static NettyServerBuilder builder(InetSocketAddress address, SslContext sslContext,
                                              List<BindableService> services) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(address,
                        InternalNettyServerCredentials.create(new TlsOrPlaintextNegotiator(sslContext)))
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .permitKeepAliveTime(5, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true);
        for (BindableService service : services) {
            builder.addService(ServerInterceptors.intercept(service, RequestMetadata.interceptor()));
        }
        return builder;
    }

    /** Stops accepting calls, lets running ones finish for up to {@code grace}, then cancels the rest. */
    public static void stop(Server server, Duration grace) {
        server.shutdown();
        try {
            if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

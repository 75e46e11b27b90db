package io.couriermq.namesrv.grpc;

import io.couriermq.server.grpc.GrpcServers;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the NameServer's gRPC server (both services, TLS and plaintext on one port) for as long as the Spring context
 * runs. Calls execute on a bounded pool of {@code courier-namesrv-grpc-N} threads: route lookups are short and never
 * block, so a handful of threads suffices and a full queue means overload, which gRPC reports to the caller.
 */
public final class GrpcServerLifecycle implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcServerLifecycle.class);
    private static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private static final int QUEUED_CALLS = 10_000;
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final InetSocketAddress bindAddress;
    private final SslContext sslContext;
    private final List<BindableService> services;
    private volatile Server server;
    private volatile ExecutorService executor;

    /** @param bindAddress port 0 picks a free port; {@link #port()} tells which */
    public GrpcServerLifecycle(InetSocketAddress bindAddress, SslContext sslContext, List<BindableService> services) {
        this.bindAddress = bindAddress;
        this.sslContext = sslContext;
        this.services = List.copyOf(services);
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        executor = boundedExecutor();
        try {
            server = GrpcServers.start(bindAddress, sslContext, executor, services);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen for gRPC on " + bindAddress, e);
        }
        LOG.info("NameServer gRPC listening on {}:{} (TLS and plaintext)", bindAddress.getHostString(), port());
    }

    @Override
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        GrpcServers.stop(server, GRACE);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("NameServer gRPC stopped");
    }

    @Override
    public boolean isRunning() {
        Server current = server;
        return current != null && !current.isShutdown();
    }

    /** The port the server listens on; meaningful while it runs. */
    public int port() {
        Server current = server;
        if (current == null) {
            throw new IllegalStateException("the gRPC server has not been started");
        }
        return current.getPort();
    }

    private static ExecutorService boundedExecutor() {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "courier-namesrv-grpc-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUED_CALLS), threads, new ThreadPoolExecutor.AbortPolicy());
    }
}

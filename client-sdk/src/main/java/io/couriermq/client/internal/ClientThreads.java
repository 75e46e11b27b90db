package io.couriermq.client.internal;

import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every thread one client instance runs, named {@code courier-client-<index>-<role>-<n>}, so a leak is easy to spot
 * and {@link #close()} can stop them all: the network event loop, the gRPC callback executor (where response
 * futures complete, so user continuations never run on the event loop), one scheduler for periodic work and
 * delays, and any pools a client adds (a push consumer's consumption threads).
 *
 * <p>All threads are daemons: a client that is never closed does not keep the JVM alive.
 */
public final class ClientThreads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientThreads.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int IO_THREADS = Math.min(2, Runtime.getRuntime().availableProcessors());
    private static final Duration POOL_DRAIN = Duration.ofSeconds(5);
    /**
     * Threads that complete futures. A fork-join pool, not a cached thread pool: a cached pool hands every
     * completion to a parked thread, one wake-up per response, which held a producer with 64 sends in flight to
     * 14-19k msgs/s (27-28k with busy threads taking the next completion themselves). It is still safe to block
     * in a continuation: a worker that waits on a {@link java.util.concurrent.CompletableFuture} (join or get,
     * as the blocking API does) is given a spare thread by the pool while it waits.
     */
    private static final int CALLBACK_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final int index;
    private final EventLoopGroup ioGroup;
    private final ExecutorService callbacks;
    private final ScheduledExecutorService scheduler;
    private final List<ExecutorService> pools = new CopyOnWriteArrayList<>();

    public ClientThreads() {
        this.index = INSTANCES.incrementAndGet();
        this.ioGroup = new MultiThreadIoEventLoopGroup(IO_THREADS, new DefaultThreadFactory(prefix() + "io", true),
                NioIoHandler.newFactory());
        this.callbacks = new ForkJoinPool(CALLBACK_THREADS, callbackThreadFactory(), null, true);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, factory("scheduler"));
        timer.setRemoveOnCancelPolicy(true);
        this.scheduler = timer;
    }

    /** This client's number within the JVM; also part of its client id. */
    public int index() {
        return index;
    }

    EventLoopGroup ioGroup() {
        return ioGroup;
    }

    /** Where gRPC runs its callbacks, and so where response futures complete. */
    public ExecutorService callbacks() {
        return callbacks;
    }

    /** A fixed pool of {@code threads} threads, stopped on {@link #close()} after its queued work is done. */
    public ExecutorService newPool(String role, int threads) {
        ExecutorService pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory(role));
        pools.add(pool);
        return pool;
    }

    /** Runs {@code task} once after {@code delay}; false (and nothing runs) once the client is closing. */
    public boolean schedule(Duration delay, Runnable task) {
        try {
            scheduler.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException closing) {
            return false;
        }
    }

    /** Runs {@code task} every {@code period} after {@code initialDelay}; a failing run does not stop the next. */
    public ScheduledFuture<?> every(Duration initialDelay, Duration period, Runnable task) {
        return scheduler.scheduleWithFixedDelay(guarded(task), initialDelay.toNanos(), period.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("scheduled task of client {} failed", index, e);
            }
        };
    }

    private String prefix() {
        return "courier-client-" + index + "-";
    }

    private ForkJoinPool.ForkJoinWorkerThreadFactory callbackThreadFactory() {
        String name = prefix() + "callback-";
        AtomicInteger count = new AtomicInteger();
        // Continuations are application code: give them the application's class loader, as the other pools'
        // threads inherit it, not the system loader a fork-join worker starts with (wrong in a Spring Boot jar).
        ClassLoader applicationLoader = Thread.currentThread().getContextClassLoader();
        return pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName(name + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(applicationLoader);
            return thread;
        };
    }

    private ThreadFactory factory(String role) {
        String name = prefix() + role + "-";
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Stops the scheduler at once, lets the added pools finish what they hold, then stops callbacks and the event
     * loop. Call after the channels are shut down: their callbacks need the executor until then.
     */
    @Override
    public void close() {
        scheduler.shutdownNow();
        pools.forEach(ExecutorService::shutdown);
        pools.forEach(pool -> awaitQuietly(pool, POOL_DRAIN));
        callbacks.shutdown();
        awaitQuietly(callbacks, POOL_DRAIN);
        awaitQuietly(scheduler, POOL_DRAIN);
        ioGroup.shutdownGracefully(0, POOL_DRAIN.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(2 * POOL_DRAIN.toMillis());
    }

    private static void awaitQuietly(ExecutorService executor, Duration timeout) {
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

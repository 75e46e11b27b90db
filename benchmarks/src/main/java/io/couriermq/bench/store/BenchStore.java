package io.couriermq.bench.store;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * One store under test, opened in a fresh directory for one row of the table. The benchmark drives every store
 * through this seam; each implementation turns {@link Workload} message {@code i} into its store's own message
 * type and API call, so all of them do the same work.
 *
 * <p>Threading: {@link #newWriter()} may be called from any thread and its writer used on that thread only
 * (Chronicle appenders are single-threaded). The other methods are called by the benchmark's main thread while
 * no writer is running.
 */
interface BenchStore extends AutoCloseable {

    /** A writer owned by the calling thread, which must also close it. */
    Writer newWriter();

    /**
     * Waits, polling, until the {@code messages} appended so far are reachable through the store's consume
     * queues and index. Stores that build nothing after the append return at once.
     */
    void awaitIndexed(long messages, Duration timeout) throws InterruptedException, TimeoutException;

    /** Reads every stored message back the way a consumer would, and returns how many it read. */
    long readAll();

    /** Stops the store; the caller deletes its directory afterwards. */
    @Override
    void close();

    /** Appends workload messages for one thread. */
    interface Writer extends AutoCloseable {

        /** Appends message {@code index} and returns once the store acknowledged it as its flush mode promises. */
        void append(long index) throws Exception;

        /** Appends message {@code index}; the future completes at the acknowledgement or fails if refused. */
        CompletableFuture<?> appendAsync(long index);

        @Override
        void close();
    }
}

package io.couriermq.store.dispatch;

import io.couriermq.store.commitlog.CommitLog;
import io.couriermq.store.concurrent.BackoffIdle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Follows the commit log and feeds every record to the {@link LogListener}s, from its position up to a limit
 * the store chooses: the written position under ASYNC_FLUSH, the flushed position under SYNC_FLUSH, so that
 * no consumer sees a message a crash could still take back. Because the listeners are rebuilt from the log,
 * recovery only has to move this cursor back; it never repairs them another way.
 *
 * <p>Threading: {@link #catchUp} runs on the opening thread before {@link #start}; afterwards only the dispatch
 * thread moves the cursor. {@link #dispatchedPosition()} may be read from anywhere.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int MAX_ENTRIES_PER_ROUND = 4096;
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final CommitLog log;
    private final List<LogListener> listeners;
    private final LongSupplier limit;
    private final BackoffIdle idle = new BackoffIdle();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile long position;
    private volatile boolean running;
    private volatile Thread thread;

    public Dispatcher(CommitLog log, List<LogListener> listeners, LongSupplier limit, long position) {
        this.log = log;
        this.listeners = List.copyOf(listeners);
        this.limit = limit;
        this.position = position;
    }

    /** Records below this offset have been handed to every listener. */
    public long dispatchedPosition() {
        return position;
    }

    /** Dispatches synchronously up to the current limit; used by recovery before the log takes appends. */
    public void catchUp() {
        while (dispatchRound() > 0) {
            // keep going until nothing is left
        }
    }

    public void start() {
        running = true;
        thread = new Thread(this::run, "courier-store-dispatch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Tells the dispatcher the log grew; cheap when it is busy. */
    public void wake() {
        Thread current = thread;
        if (current != null) {
            idle.wake(current);
        }
    }

    /**
     * Runs {@code change} on the dispatch thread between rounds: the one place where derived stores change shape
     * (retention, topic deletion), so their writer never finds a file unmapped under it.
     */
    public CompletableFuture<Void> execute(Runnable change) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                change.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        wake();
        if (thread == null) {
            runTasks();
        }
        return done;
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    private void run() {
        while (running) {
            try {
                runTasks();
                if (dispatchRound() > 0) {
                    idle.reset();
                } else {
                    idle.idle(() -> position < limit.getAsLong() || !tasks.isEmpty() || !running);
                }
            } catch (RuntimeException e) {
                // Listeners tolerate repeats, so the round is simply retried, after a pause that keeps a
                // persistent failure from flooding the log.
                LOG.error("dispatch at offset {} failed; retrying", position, e);
                LockSupport.parkNanos(RETRY_PAUSE_NANOS);
            }
        }
    }

    /** Dispatches a bounded number of entries; returns how many. */
    private int dispatchRound() {
        long end = limit.getAsLong();
        long start = position;
        if (start >= end) {
            return 0;
        }
        int[] dispatched = new int[1];
        long next = log.scan(start, end, MAX_ENTRIES_PER_ROUND, entry -> {
            for (LogListener listener : listeners) {
                listener.onEntry(entry);
            }
            dispatched[0]++;
        });
        position = next;
        for (LogListener listener : listeners) {
            listener.onDispatched(next);
        }
        // Crossing into the next segment dispatches nothing but is progress all the same.
        return Math.max(dispatched[0], next != start ? 1 : 0);
    }

    /** Stops the thread after its current round; then runs what was still queued, here. */
    @Override
    public void close() {
        running = false;
        Thread current = thread;
        if (current != null) {
            idle.wake(current);
            try {
                current.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        runTasks();
    }
}

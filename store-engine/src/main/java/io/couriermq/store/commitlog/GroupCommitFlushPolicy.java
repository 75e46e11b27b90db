package io.couriermq.store.commitlog;

import io.couriermq.store.concurrent.BackoffIdle;

import io.couriermq.store.StoreErrorCode;
import io.couriermq.store.StoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * SYNC_FLUSH with group commit: an append completes only after the log is forced past its end. One thread
 * forces; each force covers everything written by the time it starts, so the appends that arrived while the
 * previous force ran share the next one. Under load a force carries many appends; alone, an append waits for
 * about one force.
 *
 * <p>Threading: {@link #onWritten} runs on the append loop, the force loop on its own thread, expiry on the
 * store's flusher; they meet only in the thread-safe queue of waiting batches and in the futures, whose first
 * completion wins.
 */
final class GroupCommitFlushPolicy implements FlushPolicy {

    private final CommitLog log;
    private final Executor completer;
    private final ConcurrentLinkedQueue<AppendRequest> waiting = new ConcurrentLinkedQueue<>();
    private final BackoffIdle idle = new BackoffIdle();
    private final Thread thread;
    private volatile boolean running = true;

    GroupCommitFlushPolicy(CommitLog log, Executor completer) {
        this.log = log;
        this.completer = completer;
        this.thread = new Thread(this::forceLoop, "courier-store-group-commit");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void onWritten(AppendRequest[] batch, int count) {
        for (int i = 0; i < count; i++) {
            waiting.add(batch[i]);
        }
        idle.wake(thread);
    }

    private void forceLoop() {
        while (running) {
            if (waiting.isEmpty()) {
                idle.idle(() -> !waiting.isEmpty() || !running);
                continue;
            }
            idle.reset();
            try {
                forceAndComplete();
            } catch (StoreException e) {
                failAll(e);
            }
        }
    }

    private void forceAndComplete() {
        long durable = log.forceTo(log.writtenPosition());
        List<AppendRequest> done = new ArrayList<>();
        AppendRequest head;
        while ((head = waiting.peek()) != null && head.endOffset() <= durable) {
            done.add(waiting.poll());
        }
        if (!done.isEmpty()) {
            completer.execute(() -> done.forEach(AppendRequest::complete));
        }
    }

    private void failAll(StoreException cause) {
        AppendRequest request;
        while ((request = waiting.poll()) != null) {
            request.fail(cause);
        }
    }

    @Override
    public void onFlushInterval() {
        // The force loop forces the log; the flusher has nothing to add.
    }

    @Override
    public void expireWaiting(long nowNanos, long timeoutNanos) {
        for (AppendRequest request : waiting) {
            if (nowNanos - request.enqueuedNanos < timeoutNanos) {
                return;
            }
            request.fail(StoreErrorCode.FLUSH_TIMEOUT, "not forced to disk within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
        }
    }

    @Override
    public void close() {
        running = false;
        idle.wake(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            forceAndComplete();
        } catch (StoreException e) {
            failAll(e);
        }
        failAll(new StoreException(StoreErrorCode.CLOSED, "store closed before the append was forced"));
    }
}

package io.couriermq.store.commitlog;

import io.couriermq.store.AppendResult;
import io.couriermq.store.StoreErrorCode;
import io.couriermq.store.StoreException;
import io.couriermq.store.concurrent.BackoffIdle;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SYNC_FLUSH with group commit: an append completes only after the log is forced past its end. One force runs
 * at a time; it covers everything written when it starts and completes every waiting append it covered, so
 * appends that arrive during a force share the next one. Forces are run by whoever gets there first: a caller
 * blocking on its {@link DurableAppend}, or this policy's force thread, which serves appends nobody blocks on
 * (callers that chain callbacks instead).
 *
 * <p>Threading: waiters are registered under the log's write lock, hence in log order; forcing and completing
 * happen under {@link #forceLock}; the queue of waiters is thread-safe and futures complete once.
 */
final class GroupCommit implements FlushPolicy {

    /** How long appends may keep arriving before the force thread forces anyway. */
    private static final long MAX_GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** A pause without growth that counts as the burst being over. */
    private static final long GATHER_STEP_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    private final CommitLog log;
    private final InFlightLimiter limiter;
    private final ConcurrentLinkedQueue<DurableAppend> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock forceLock = new ReentrantLock();
    private final BackoffIdle idle = new BackoffIdle();
    private final Thread thread;
    private volatile boolean running = true;

    GroupCommit(CommitLog log, InFlightLimiter limiter) {
        this.log = log;
        this.limiter = limiter;
        this.thread = new Thread(this::forceLoop, "courier-store-group-commit");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public CompletableFuture<AppendResult> onWritten(AppendResult result, int reservedBytes) {
        DurableAppend append = new DurableAppend(result, reservedBytes, this);
        waiting.add(append);
        idle.wake(thread);
        return append;
    }

    /** Called by a caller about to block on {@code append}: forces on its thread unless a force is running. */
    void help(DurableAppend append) {
        if (!append.isDone() && forceLock.tryLock()) {
            try {
                forceAndComplete();
            } finally {
                forceLock.unlock();
            }
        }
    }

    private void forceLoop() {
        while (running) {
            if (waiting.isEmpty()) {
                idle.idle(() -> !waiting.isEmpty() || !running);
                continue;
            }
            idle.reset();
            awaitQuietLog();
            forceLock.lock();
            try {
                forceAndComplete();
            } finally {
                forceLock.unlock();
            }
        }
    }

    /**
     * Lets appends that are arriving right now join the coming force: waits while the log keeps growing, a few
     * microseconds at a time, up to a bound. Callers who keep many appends in flight submit the next ones as the
     * previous force completes them; without this pause the force thread would start the next force after the
     * first of them and leave the rest to the force after, halving what each force carries. Blocked callers do not
     * pay for it: they force on their own thread.
     */
    private void awaitQuietLog() {
        long deadline = System.nanoTime() + MAX_GATHER_NANOS;
        long written = log.writtenPosition();
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(GATHER_STEP_NANOS);
            long now = log.writtenPosition();
            if (now == written) {
                return;
            }
            written = now;
        }
    }

    /** Forces the log to its written position and completes what that covers. Holds {@link #forceLock}. */
    private void forceAndComplete() {
        if (waiting.isEmpty()) {
            return;
        }
        long durable;
        try {
            durable = log.forceTo(log.writtenPosition());
        } catch (StoreException e) {
            failAll(e);
            return;
        }
        DurableAppend head;
        while ((head = waiting.peek()) != null && head.endOffset() <= durable) {
            waiting.poll().succeed(limiter);
        }
    }

    private void failAll(StoreException cause) {
        DurableAppend append;
        while ((append = waiting.poll()) != null) {
            append.fail(cause, limiter);
        }
    }

    @Override
    public void onFlushInterval() {
        // Forces happen as appends need them.
    }

    @Override
    public void expireWaiting(long nowNanos, long timeoutNanos) {
        for (DurableAppend append : waiting) {
            if (nowNanos - append.enqueuedNanos() < timeoutNanos) {
                return;
            }
            append.fail(StoreErrorCode.FLUSH_TIMEOUT, "not forced to disk within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", limiter);
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
        forceLock.lock();
        try {
            forceAndComplete();
            failAll(new StoreException(StoreErrorCode.CLOSED, "store closed before the append was forced"));
        } finally {
            forceLock.unlock();
        }
    }
}

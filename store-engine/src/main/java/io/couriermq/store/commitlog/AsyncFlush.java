package io.couriermq.store.commitlog;

import io.couriermq.store.AppendResult;

import java.util.concurrent.CompletableFuture;

/**
 * ASYNC_FLUSH: an append is done once written to the mapped log (it then survives a process crash, living in the
 * page cache); the store's flusher forces the log every flush interval, which bounds what a machine crash can
 * lose. The appender gets a completed future: nothing waits, no thread is involved.
 */
final class AsyncFlush implements FlushPolicy {

    private final CommitLog log;
    private final InFlightLimiter limiter;

    AsyncFlush(CommitLog log, InFlightLimiter limiter) {
        this.log = log;
        this.limiter = limiter;
    }

    @Override
    public CompletableFuture<AppendResult> onWritten(AppendResult result, int reservedBytes) {
        limiter.release(reservedBytes);
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public void onFlushInterval() {
        log.forceTo(log.writtenPosition());
    }

    @Override
    public void expireWaiting(long nowNanos, long timeoutNanos) {
        // Nothing waits for a force in this mode.
    }

    @Override
    public void close() {
        log.forceTo(log.writtenPosition());
    }
}

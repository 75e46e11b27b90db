package io.couriermq.store.commitlog;

import io.couriermq.store.AppendResult;

import java.util.concurrent.CompletableFuture;

/**
 * Decides when a written append counts as done, and who forces the log: the seam between ASYNC_FLUSH and
 * SYNC_FLUSH.
 */
interface FlushPolicy extends AutoCloseable {

    /**
     * Called under the log's write lock right after {@code result} was written, so calls arrive in log order.
     * Returns the future the appender gets.
     */
    CompletableFuture<AppendResult> onWritten(AppendResult result, int reservedBytes);

    /** Called every flush interval by the store's flusher. */
    void onFlushInterval();

    /** Fails appends that have waited longer than {@code timeoutNanos} for their force. */
    void expireWaiting(long nowNanos, long timeoutNanos);

    /** Forces everything written and completes every waiting append; no more appends arrive. */
    @Override
    void close();
}

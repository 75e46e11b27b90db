package io.couriermq.store.commitlog;

/**
 * Decides when written appends complete and who forces the log: the seam between ASYNC_FLUSH and SYNC_FLUSH.
 */
interface FlushPolicy extends AutoCloseable {

    /** Called on the append loop after {@code batch} is written and the log's written position published. */
    void onWritten(AppendRequest[] batch, int count);

    /** Called every flush interval by the store's flusher. */
    void onFlushInterval();

    /** Fails appends that have waited longer than {@code timeoutNanos} for their force. */
    void expireWaiting(long nowNanos, long timeoutNanos);

    /** Forces everything written and completes every waiting append; the append loop has stopped. */
    @Override
    void close();
}

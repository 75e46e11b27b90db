package io.couriermq.store.commitlog;

import io.couriermq.store.AppendResult;
import io.couriermq.store.StoreErrorCode;
import io.couriermq.store.StoreException;
import io.couriermq.store.record.EncodedRecord;

import java.util.concurrent.CompletableFuture;

/**
 * One append on its way through the log: created on the caller's thread, written by the append loop, completed
 * by the flush policy. Fields set by the writer are read by the completer only after the batch is handed over
 * through a thread-safe queue, which orders them.
 */
final class AppendRequest {

    final EncodedRecord record;
    final CompletableFuture<AppendResult> future = new CompletableFuture<>();
    final long enqueuedNanos;
    private final InFlightLimiter limiter;
    private AppendResult result;

    AppendRequest(EncodedRecord record, long enqueuedNanos, InFlightLimiter limiter) {
        this.record = record;
        this.enqueuedNanos = enqueuedNanos;
        this.limiter = limiter;
    }

    void written(AppendResult result) {
        this.result = result;
    }

    /** The written result, or null if the writer failed this request. */
    AppendResult result() {
        return result;
    }

    /** The commit log offset that must be durable before this append may complete under SYNC_FLUSH. */
    long endOffset() {
        return result.endOffset();
    }

    /** Completes the append successfully; the first completion, success or failure, frees its reservation. */
    void complete() {
        if (future.complete(result)) {
            limiter.release(record.length());
        }
    }

    void fail(StoreErrorCode code, String message) {
        fail(new StoreException(code, message));
    }

    void fail(Throwable cause) {
        if (future.completeExceptionally(cause)) {
            limiter.release(record.length());
        }
    }

    boolean isDone() {
        return future.isDone();
    }
}

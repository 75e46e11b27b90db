package io.couriermq.store.commitlog;

import io.couriermq.store.AppendResult;
import io.couriermq.store.StoreErrorCode;
import io.couriermq.store.StoreException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a SYNC_FLUSH append: done once the log is forced past the record. A caller that blocks on it
 * ({@code get} or {@code join}) first offers to do the force itself: if no force is running, its own thread
 * forces the log and completes every append the force covers, its own included. A lone synchronous appender thus
 * pays one force and no thread hand-off; concurrent ones still share forces, since whoever forces completes
 * everyone the force covered.
 */
final class DurableAppend extends CompletableFuture<AppendResult> {

    private final AppendResult result;
    private final long enqueuedNanos;
    private final int reservedBytes;
    private final GroupCommit groupCommit;

    DurableAppend(AppendResult result, int reservedBytes, GroupCommit groupCommit) {
        this.result = result;
        this.enqueuedNanos = System.nanoTime();
        this.reservedBytes = reservedBytes;
        this.groupCommit = groupCommit;
    }

    long endOffset() {
        return result.endOffset();
    }

    long enqueuedNanos() {
        return enqueuedNanos;
    }

    /** Completes the append; the first completion, success or failure, releases its reservation. */
    void succeed(InFlightLimiter limiter) {
        if (complete(result)) {
            limiter.release(reservedBytes);
        }
    }

    void fail(StoreErrorCode code, String message, InFlightLimiter limiter) {
        fail(new StoreException(code, message), limiter);
    }

    void fail(Throwable cause, InFlightLimiter limiter) {
        if (completeExceptionally(cause)) {
            limiter.release(reservedBytes);
        }
    }

    @Override
    public AppendResult get() throws InterruptedException, ExecutionException {
        groupCommit.help(this);
        return super.get();
    }

    @Override
    public AppendResult get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
            TimeoutException {
        groupCommit.help(this);
        return super.get(timeout, unit);
    }

    @Override
    public AppendResult join() {
        groupCommit.help(this);
        return super.join();
    }
}

package io.couriermq.store.commitlog;

import java.util.concurrent.Executor;

/**
 * ASYNC_FLUSH: an append completes as soon as it is written to the mapped log (it then survives a process
 * crash, living in the page cache); the store's flusher forces the log every flush interval, which bounds what
 * a machine crash can lose.
 */
final class AsyncFlushPolicy implements FlushPolicy {

    private final CommitLog log;
    private final Executor completer;

    AsyncFlushPolicy(CommitLog log, Executor completer) {
        this.log = log;
        this.completer = completer;
    }

    @Override
    public void onWritten(AppendRequest[] batch, int count) {
        completer.execute(() -> {
            for (int i = 0; i < count; i++) {
                batch[i].complete();
            }
        });
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

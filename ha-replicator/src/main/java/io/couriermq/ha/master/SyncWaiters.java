package io.couriermq.ha.master;

import io.couriermq.ha.ReplicationException;
import io.couriermq.ha.ReplicationException.Reason;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The futures of {@code awaitReplicated}, completed when enough slaves acknowledged their offset and failed when
 * too few slaves are in sync or the sync timeout passes.
 *
 * <p>Threading: {@link #await} runs on any thread and never blocks beyond a short lock; {@link #onProgress} runs
 * on the master's I/O thread. A wait that cannot be answered at once completes on the timer thread, never on the
 * I/O thread, so a dependent stage cannot stall replication; dependent stages should be cheap, or async.
 */
final class SyncWaiters {

    private static final Comparator<Waiter> BY_OFFSET = Comparator.comparingLong(Waiter::offset)
            .thenComparingLong(Waiter::sequence);

    private final ScheduledExecutorService timer;
    private final long timeoutNanos;
    private final int requiredSlaves;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final TreeSet<Waiter> waiters = new TreeSet<>(BY_OFFSET);
    private long nextSequence;
    private boolean closed;
    /** Written under {@link #lock}; volatile so the I/O thread can skip the lock when nothing changed. */
    private volatile long confirmedOffset;
    private volatile int inSyncSlaves;

    SyncWaiters(ScheduledExecutorService timer, Duration timeout, int requiredSlaves) {
        this.timer = timer;
        this.timeoutNanos = timeout.toNanos();
        this.requiredSlaves = requiredSlaves;
    }

    CompletableFuture<Void> await(long offset) {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new ReplicationException(Reason.CLOSED, "master is closed"));
            }
            if (offset <= confirmedOffset) {
                return CompletableFuture.completedFuture(null);
            }
            if (inSyncSlaves < requiredSlaves) {
                return CompletableFuture.failedFuture(noSlave(offset));
            }
            Waiter waiter = new Waiter(offset, nextSequence++, new CompletableFuture<>());
            waiter.timeout = timer.schedule(() -> expire(waiter), timeoutNanos, TimeUnit.NANOSECONDS);
            waiters.add(waiter);
            return waiter.future;
        }
    }

    /** The highest offset that at least {@code requiredSlaves} slaves acknowledged. */
    long confirmedOffset() {
        return confirmedOffset;
    }

    /** The slaves in sync at the last progress report: what {@link #await} counts on. */
    int inSyncSlaves() {
        return inSyncSlaves;
    }

    /**
     * Completes the waiters at or below {@code confirmed}, and fails all others with NO_SLAVE when fewer than the
     * required slaves are in sync. Runs on the I/O thread.
     */
    void onProgress(long confirmed, int inSync) {
        if (confirmed <= confirmedOffset && inSync == inSyncSlaves) {
            return;
        }
        List<Waiter> done = new ArrayList<>();
        ReplicationException failure = null;
        synchronized (lock) {
            confirmedOffset = Math.max(confirmedOffset, confirmed);
            inSyncSlaves = inSync;
            while (!waiters.isEmpty() && waiters.first().offset <= confirmedOffset) {
                done.add(waiters.pollFirst());
            }
            if (inSync < requiredSlaves && !waiters.isEmpty()) {
                failure = noSlave(waiters.first().offset);
                done.addAll(waiters);
                waiters.clear();
            }
        }
        finish(done, failure);
    }

    /** Fails every waiter with CLOSED and refuses new ones. */
    void close() {
        List<Waiter> pending;
        synchronized (lock) {
            closed = true;
            pending = new ArrayList<>(waiters);
            waiters.clear();
        }
        ReplicationException failure = new ReplicationException(Reason.CLOSED, "master closed while waiting");
        for (Waiter waiter : pending) {
            waiter.timeout.cancel(false);
            waiter.future.completeExceptionally(failure);
        }
    }

    private void expire(Waiter waiter) {
        long confirmed;
        int inSync;
        synchronized (lock) {
            if (!waiters.remove(waiter)) {
                return;
            }
            confirmed = confirmedOffset;
            inSync = inSyncSlaves;
        }
        waiter.future.completeExceptionally(new ReplicationException(Reason.TIMEOUT, "slaves did not acknowledge "
                + "offset " + waiter.offset + " within " + Duration.ofNanos(timeoutNanos) + ": confirmed offset "
                + confirmed + ", " + inSync + " slave(s) in sync, " + requiredSlaves + " required"));
    }

    private ReplicationException noSlave(long offset) {
        return new ReplicationException(Reason.NO_SLAVE, "cannot replicate offset " + offset + ": " + inSyncSlaves
                + " slave(s) in sync, " + requiredSlaves + " required");
    }

    /** Completes (failure null) or fails the waiters on the timer thread, or here if the timer is shut down. */
    private void finish(List<Waiter> done, ReplicationException failure) {
        if (done.isEmpty()) {
            return;
        }
        for (Waiter waiter : done) {
            waiter.timeout.cancel(false);
        }
        Runnable completion = () -> {
            for (Waiter waiter : done) {
                if (failure == null) {
                    waiter.future.complete(null);
                } else {
                    waiter.future.completeExceptionally(failure);
                }
            }
        };
        try {
            timer.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }

    private static final class Waiter {
        private final long offset;
        private final long sequence;
        private final CompletableFuture<Void> future;
        /** Set under the lock before the waiter is visible to anyone else. */
        private ScheduledFuture<?> timeout;

        Waiter(long offset, long sequence, CompletableFuture<Void> future) {
            this.offset = offset;
            this.sequence = sequence;
            this.future = future;
        }

        long offset() {
            return offset;
        }

        long sequence() {
            return sequence;
        }
    }
}

package io.couriermq.bench.store;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Offers append load to one store in one {@link WriterMode} until the phase's message count or time is used up,
 * and records each put's latency from submit to acknowledgement, in nanoseconds.
 *
 * <p>Threads claim message indexes from one counter, so every message of a phase has a unique index (its key and
 * id derive from it) and the next phase continues after the highest index claimed.
 */
final class AppendDriver {

    /** How long a put, or the drain of the async window, may take before the store is declared stuck. */
    private static final long STUCK_TIMEOUT_S = 120;

    /** What one phase did: acknowledged messages, the next unused index, and put latencies in nanoseconds. */
    record Phase(long messages, long nextIndex, Histogram latencyNanos) {
    }

    private AppendDriver() {
    }

    static Phase run(BenchStore store, WriterMode mode, long firstIndex, PhaseLimits limits) throws Exception {
        long deadlineNs = System.nanoTime() + limits.maxDuration().toNanos();
        long endIndex = firstIndex + limits.maxMessages();
        return mode.async()
                ? runAsync(store, firstIndex, endIndex, deadlineNs)
                : runThreads(store, mode.threads(), firstIndex, endIndex, deadlineNs);
    }

    /** Writer threads that each wait for every put before offering the next. */
    private static Phase runThreads(BenchStore store, int threads, long firstIndex, long endIndex, long deadlineNs)
            throws Exception {
        AtomicLong nextIndex = new AtomicLong(firstIndex);
        LongAdder acknowledged = new LongAdder();
        Recorder latency = new Recorder(3);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] writers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            writers[i] = new Thread(() -> {
                try (BenchStore.Writer writer = store.newWriter()) {
                    while (failure.get() == null && System.nanoTime() - deadlineNs < 0) {
                        long index = nextIndex.getAndIncrement();
                        if (index >= endIndex) {
                            return;
                        }
                        long startNs = System.nanoTime();
                        writer.append(index);
                        latency.recordValue(System.nanoTime() - startNs);
                        acknowledged.increment();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-writer-" + i);
            writers[i].start();
        }
        long joinDeadlineNs = deadlineNs + TimeUnit.SECONDS.toNanos(STUCK_TIMEOUT_S);
        for (Thread writer : writers) {
            writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinDeadlineNs - System.nanoTime())));
            if (writer.isAlive()) {
                failure.compareAndSet(null, new TimeoutException(writer.getName() + " still in a put "
                        + STUCK_TIMEOUT_S + " s after the phase ended"));
            }
        }
        throwIfFailed(failure);
        return new Phase(acknowledged.sum(), Math.min(nextIndex.get(), endIndex), latency.getIntervalHistogram());
    }

    /** One thread keeping {@link WriterMode#ASYNC_WINDOW} puts in flight through the store's async API. */
    private static Phase runAsync(BenchStore store, long firstIndex, long endIndex, long deadlineNs)
            throws Exception {
        Semaphore window = new Semaphore(WriterMode.ASYNC_WINDOW);
        LongAdder acknowledged = new LongAdder();
        Recorder latency = new Recorder(3);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long index = firstIndex;
        try (BenchStore.Writer writer = store.newWriter()) {
            while (index < endIndex && failure.get() == null && System.nanoTime() - deadlineNs < 0) {
                acquire(window, 1);
                long startNs = System.nanoTime();
                CompletableFuture<?> put;
                try {
                    put = writer.appendAsync(index++);
                } catch (RuntimeException e) {
                    window.release();
                    throw e;
                }
                put.whenComplete((result, error) -> {
                    if (error == null) {
                        latency.recordValue(System.nanoTime() - startNs);
                        acknowledged.increment();
                    } else {
                        failure.compareAndSet(null, error);
                    }
                    window.release();
                });
            }
            acquire(window, WriterMode.ASYNC_WINDOW);
        }
        throwIfFailed(failure);
        return new Phase(acknowledged.sum(), index, latency.getIntervalHistogram());
    }

    private static void acquire(Semaphore window, int permits) throws InterruptedException, TimeoutException {
        if (!window.tryAcquire(permits, STUCK_TIMEOUT_S, TimeUnit.SECONDS)) {
            throw new TimeoutException("puts still in flight after " + STUCK_TIMEOUT_S + " s: "
                    + (WriterMode.ASYNC_WINDOW - window.availablePermits()));
        }
    }

    private static void throwIfFailed(AtomicReference<Throwable> failure) throws Exception {
        Throwable cause = failure.get();
        if (cause instanceof Exception e) {
            throw e;
        }
        if (cause != null) {
            throw new IllegalStateException("a writer failed: " + cause, cause);
        }
    }
}

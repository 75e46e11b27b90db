package io.couriermq.bench.store;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded polling for a condition. The poll interval is short because the wait is part of a measured phase:
 * it adds at most {@link #POLL_INTERVAL_NS} to the time of an append phase lasting seconds.
 */
final class Await {

    private static final long POLL_INTERVAL_NS = 100_000;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails with a message naming {@code state} after {@code timeout}. */
    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> state)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("not done after " + timeout + ": " + state.get());
            }
            LockSupport.parkNanos(POLL_INTERVAL_NS);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting: " + state.get());
            }
        }
    }
}

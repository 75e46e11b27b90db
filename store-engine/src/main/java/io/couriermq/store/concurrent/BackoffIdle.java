package io.couriermq.store.concurrent;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How a worker waits when it has nothing to do: spin briefly, then yield, then park. Spinning keeps latency low
 * while work arrives back to back; parking gives the core back quickly, which matters on small machines where a
 * spinning writer would starve the threads that feed it. A parked worker is woken by {@link #wake(Thread)}.
 */
public final class BackoffIdle {

    private static final int SPINS = 64;
    private static final int YIELDS = 8;
    private static final long MAX_PARK_NANOS = 5_000_000L;

    private volatile boolean parked;
    private int idleRounds;

    /** Called after a round that found no work. */
    public void idle(BooleanSupplier workArrived) {
        idleRounds++;
        if (idleRounds <= SPINS) {
            Thread.onSpinWait();
        } else if (idleRounds <= SPINS + YIELDS) {
            Thread.yield();
        } else {
            parked = true;
            // Re-check after publishing 'parked': a producer that enqueued before seeing it will not wake us.
            if (!workArrived.getAsBoolean()) {
                LockSupport.parkNanos(this, MAX_PARK_NANOS);
            }
            parked = false;
        }
    }

    /** Called after a round that did work. */
    public void reset() {
        idleRounds = 0;
    }

    /** Wakes the worker if it is parked; cheap when it is not. */
    public void wake(Thread worker) {
        if (parked) {
            LockSupport.unpark(worker);
        }
    }
}

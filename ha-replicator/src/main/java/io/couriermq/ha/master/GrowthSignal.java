package io.couriermq.ha.master;

import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The master's growth listener on the replication log. It runs on the store's writing thread, after every append,
 * so it does as little as it can: it notes when the log first grew since the I/O thread last looked, for
 * {@link WriteTimeline}, and wakes the I/O thread only if that thread armed it before waiting for growth, so an
 * append costs at most one wake-up per idle period. It never throws: an exception would fail the append.
 */
final class GrowthSignal implements Runnable {

    private final Selector selector;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicLong firstGrowthNanos = new AtomicLong(WriteTimeline.NONE);

    GrowthSignal(Selector selector) {
        this.selector = selector;
    }

    @Override
    public void run() {
        if (firstGrowthNanos.get() == WriteTimeline.NONE) {
            firstGrowthNanos.compareAndSet(WriteTimeline.NONE, System.nanoTime());
        }
        if (armed.get() && armed.compareAndSet(true, false)) {
            selector.wakeup();
        }
    }

    /**
     * Asks for a wake-up at the next growth. The I/O thread calls this before it checks the log a last time and
     * blocks: an append after the check then finds the signal armed.
     */
    void arm() {
        armed.set(true);
    }

    void disarm() {
        armed.set(false);
    }

    /** When the log first grew since the last call, or {@link WriteTimeline#NONE}. */
    long takeFirstGrowthNanos() {
        return firstGrowthNanos.getAndSet(WriteTimeline.NONE);
    }
}

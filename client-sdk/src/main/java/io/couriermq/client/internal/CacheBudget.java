package io.couriermq.client.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * How many received messages a push consumer may hold before they are settled. Receive loops reserve room before
 * asking for a batch (and give back what did not arrive); each message frees its slot once acknowledged, nacked
 * or dropped. A loop that finds no room registers to be called back when some is freed, so nothing polls.
 *
 * <p>Thread-safe. Callbacks run on the thread that frees room, outside the lock.
 */
final class CacheBudget {

    private final int capacity;
    private int used;
    private List<Runnable> waiting = new ArrayList<>();

    CacheBudget(int capacity) {
        this.capacity = capacity;
    }

    /** Reserves up to {@code wanted} slots; returns how many it got, possibly 0. */
    synchronized int tryReserve(int wanted) {
        int granted = Math.min(wanted, capacity - used);
        used += granted;
        return granted;
    }

    void release(int slots) {
        if (slots <= 0) {
            return;
        }
        List<Runnable> wake;
        synchronized (this) {
            used -= slots;
            wake = waiting;
            waiting = new ArrayList<>();
        }
        wake.forEach(Runnable::run);
    }

    /** Runs {@code task} now if there is room, else once some is freed. */
    void whenAvailable(Runnable task) {
        synchronized (this) {
            if (used >= capacity) {
                waiting.add(task);
                return;
            }
        }
        task.run();
    }
}

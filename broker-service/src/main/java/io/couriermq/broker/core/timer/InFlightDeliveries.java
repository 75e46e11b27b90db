package io.couriermq.broker.core.timer;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Releases the timer has started (appends of due messages, or of timer messages moved forward) and not yet
 * retired, in the order they were started, which is schedule order. A release is retired once it and every one
 * started before it completed, so the last retired entry is a safe checkpoint: everything up to it in the
 * schedule is out. A failed append stays in place to be started again, holding back the checkpoint meanwhile.
 *
 * <p>Threading: the timer thread adds, retires and retries; {@link #complete} may be called from any thread
 * (append futures complete on the store's threads).
 */
final class InFlightDeliveries {

    private static final int EMPTY = 0;
    private static final int PENDING = 1;
    private static final int DONE = 2;
    private static final int FAILED = 3;

    /** Starts a release again after a failure. */
    @FunctionalInterface
    interface Restart {
        void start(long sequence, long dueAt, long logOffset, int size);
    }

    private final int mask;
    private final long[] dueAt;
    private final long[] logOffset;
    private final int[] size;
    private final AtomicIntegerArray state;
    private final AtomicBoolean anyFailed = new AtomicBoolean();
    private final Runnable onCompletion;
    private long head;
    private long tail;
    private boolean anyRetired;
    private long retiredDueAt;
    private long retiredOffset;

    /**
     * @param capacity     releases in flight at most; a power of two
     * @param onCompletion runs after each completion, on the completing thread (to wake the timer)
     */
    InFlightDeliveries(int capacity, Runnable onCompletion) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two, was " + capacity);
        }
        this.mask = capacity - 1;
        this.dueAt = new long[capacity];
        this.logOffset = new long[capacity];
        this.size = new int[capacity];
        this.state = new AtomicIntegerArray(capacity);
        this.onCompletion = onCompletion;
    }

    boolean hasRoom() {
        return tail - head <= mask;
    }

    int inFlight() {
        return (int) (tail - head);
    }

    /** Records a release about to start; returns its sequence for {@link #complete}. */
    long add(long entryDueAt, long entryOffset, int entrySize) {
        if (!hasRoom()) {
            throw new IllegalStateException("no room for another release: " + inFlight() + " in flight");
        }
        long sequence = tail++;
        int slot = (int) (sequence & mask);
        dueAt[slot] = entryDueAt;
        logOffset[slot] = entryOffset;
        size[slot] = entrySize;
        state.set(slot, PENDING);
        return sequence;
    }

    /** Marks a release complete, successfully or not. Any thread. */
    void complete(long sequence, boolean succeeded) {
        state.set((int) (sequence & mask), succeeded ? DONE : FAILED);
        if (!succeeded) {
            anyFailed.set(true);
        }
        onCompletion.run();
    }

    /** Retires the completed releases at the head; returns how many. */
    int retire() {
        int retired = 0;
        while (head < tail) {
            int slot = (int) (head & mask);
            if (state.get(slot) != DONE) {
                break;
            }
            anyRetired = true;
            retiredDueAt = dueAt[slot];
            retiredOffset = logOffset[slot];
            state.set(slot, EMPTY);
            head++;
            retired++;
        }
        return retired;
    }

    /** True if a release failed and waits to be started again. */
    boolean hasFailures() {
        return anyFailed.get();
    }

    /** Starts every failed release again; returns how many. */
    int restartFailed(Restart restart) {
        if (!anyFailed.getAndSet(false)) {
            return 0;
        }
        int restarted = 0;
        for (long sequence = head; sequence < tail; sequence++) {
            int slot = (int) (sequence & mask);
            if (state.compareAndSet(slot, FAILED, PENDING)) {
                restart.start(sequence, dueAt[slot], logOffset[slot], size[slot]);
                restarted++;
            }
        }
        return restarted;
    }

    /** True once any release has been retired; then {@link #retiredDueAt()} and {@link #retiredOffset()} hold. */
    boolean anyRetired() {
        return anyRetired;
    }

    long retiredDueAt() {
        return retiredDueAt;
    }

    long retiredOffset() {
        return retiredOffset;
    }
}

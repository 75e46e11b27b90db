package io.couriermq.broker.core.timer;

import java.util.Arrays;

/**
 * The timer's in-memory window: entries ordered by due time, then by commit log offset, in parallel primitive
 * arrays (20 bytes an entry, no object per entry), so that a window of a million entries costs about 20 MB and
 * no garbage. The capacity shrinks again once a large window has drained.
 *
 * <p>Not thread-safe: only the timer thread uses it.
 */
final class DueHeap {

    private static final int MIN_CAPACITY = 1024;

    private long[] dueAt = new long[MIN_CAPACITY];
    private long[] offset = new long[MIN_CAPACITY];
    private int[] size = new int[MIN_CAPACITY];
    private int count;

    void add(long entryDueAt, long entryOffset, int entrySize) {
        if (count == dueAt.length) {
            resize(dueAt.length * 2);
        }
        int at = count++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!less(entryDueAt, entryOffset, dueAt[parent], offset[parent])) {
                break;
            }
            move(parent, at);
            at = parent;
        }
        set(at, entryDueAt, entryOffset, entrySize);
    }

    boolean isEmpty() {
        return count == 0;
    }

    int size() {
        return count;
    }

    /** Due time of the first entry; only when not empty. */
    long peekDueAt() {
        return dueAt[0];
    }

    long peekOffset() {
        return offset[0];
    }

    int peekSize() {
        return size[0];
    }

    /** Removes the first entry (read it with the peek methods before). */
    void remove() {
        count--;
        long lastDueAt = dueAt[count];
        long lastOffset = offset[count];
        int lastSize = size[count];
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= count) {
                break;
            }
            if (child + 1 < count && less(dueAt[child + 1], offset[child + 1], dueAt[child], offset[child])) {
                child++;
            }
            if (!less(dueAt[child], offset[child], lastDueAt, lastOffset)) {
                break;
            }
            move(child, at);
            at = child;
        }
        if (count > 0) {
            set(at, lastDueAt, lastOffset, lastSize);
        }
        if (dueAt.length > MIN_CAPACITY && count < dueAt.length / 4) {
            resize(Math.max(MIN_CAPACITY, dueAt.length / 2));
        }
    }

    private static boolean less(long dueA, long offsetA, long dueB, long offsetB) {
        return dueA < dueB || (dueA == dueB && offsetA < offsetB);
    }

    private void move(int from, int to) {
        set(to, dueAt[from], offset[from], size[from]);
    }

    private void set(int at, long entryDueAt, long entryOffset, int entrySize) {
        dueAt[at] = entryDueAt;
        offset[at] = entryOffset;
        size[at] = entrySize;
    }

    private void resize(int capacity) {
        dueAt = Arrays.copyOf(dueAt, capacity);
        offset = Arrays.copyOf(offset, capacity);
        size = Arrays.copyOf(size, capacity);
    }
}

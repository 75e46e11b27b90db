package io.couriermq.ha.master;

/**
 * When the master's log grew, sampled, so that a slave's lag can be told in time as well as in bytes: the age of
 * the oldest write it has not acknowledged.
 *
 * <p>Each sample {@code (end, nanos)} says that the bytes below {@code end} which no earlier sample covers were
 * written at {@code nanos} or later. The first sample covers everything the log held when the master started.
 * Memory is bounded: when the timeline is full its two oldest samples merge into one that keeps the older time,
 * so old history grows coarse and ages are overstated there, never understated.
 *
 * <p>Not thread-safe: owned by the master's I/O thread.
 */
final class WriteTimeline {

    /** What {@link #oldestWriteAfter} returns when nothing beyond the offset was recorded. */
    static final long NONE = Long.MIN_VALUE;

    private final long[] ends;
    private final long[] nanos;
    private int head;
    private int size;

    /**
     * @param originEnd   where the log ended when the master started
     * @param originNanos when the master started: the time its older bytes count as written
     */
    WriteTimeline(int capacity, long originEnd, long originNanos) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, was " + capacity);
        }
        ends = new long[capacity];
        nanos = new long[capacity];
        append(originEnd, originNanos);
    }

    /** The end of the log at the last sample. */
    long lastEnd() {
        return ends[index(size - 1)];
    }

    /** Records that the log grew to {@code end}, its new bytes written at {@code writtenNanos} or later. */
    void record(long end, long writtenNanos) {
        if (end <= lastEnd()) {
            return;
        }
        if (size == ends.length) {
            mergeOldestTwo();
        }
        append(end, writtenNanos);
    }

    /** When the oldest byte at or after {@code offset} was written, or {@link #NONE} if none was recorded. */
    long oldestWriteAfter(long offset) {
        int low = 0;
        int high = size - 1;
        if (ends[index(high)] <= offset) {
            return NONE;
        }
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ends[index(mid)] > offset) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return nanos[index(low)];
    }

    private void mergeOldestTwo() {
        long olderNanos = nanos[head];
        head = (head + 1) % ends.length;
        size--;
        nanos[head] = olderNanos;
    }

    private void append(long end, long writtenNanos) {
        int at = index(size);
        ends[at] = end;
        nanos[at] = writtenNanos;
        size++;
    }

    private int index(int logical) {
        return (head + logical) % ends.length;
    }
}

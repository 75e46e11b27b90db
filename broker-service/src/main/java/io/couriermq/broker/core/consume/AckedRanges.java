package io.couriermq.broker.core.consume;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of queue offsets kept as disjoint, non-adjacent ranges {@code [start, end)}, so that acknowledging a run
 * of messages, or skipping a run a filter rejects, costs one entry rather than one per offset.
 *
 * <p>Not thread-safe: the owning {@link QueueCursor} guards it.
 */
final class AckedRanges {

    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    void add(long offset) {
        add(offset, offset + 1);
    }

    /** Adds {@code [start, end)}, merging with overlapping or touching ranges. */
    void add(long start, long end) {
        if (start >= end) {
            return;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        Map.Entry<Long, Long> next = ranges.ceilingEntry(start);
        while (next != null && next.getKey() <= end) {
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
            next = ranges.ceilingEntry(start);
        }
        ranges.put(start, end);
    }

    boolean contains(long offset) {
        Map.Entry<Long, Long> range = ranges.floorEntry(offset);
        return range != null && offset < range.getValue();
    }

    /**
     * Removes the range starting exactly at {@code offset} and returns its end, or returns {@code offset} if no
     * range starts there: how far a committed offset at {@code offset} may advance.
     */
    long takeRangeStartingAt(long offset) {
        Long end = ranges.remove(offset);
        return end == null ? offset : end;
    }

    /** Forgets every offset below {@code offset}. */
    void dropBelow(long offset) {
        while (!ranges.isEmpty() && ranges.firstKey() < offset) {
            Map.Entry<Long, Long> first = ranges.pollFirstEntry();
            if (first.getValue() > offset) {
                ranges.put(offset, first.getValue());
            }
        }
    }

    void clear() {
        ranges.clear();
    }

    /** Offsets held, counting each range's length. */
    long count() {
        long count = 0;
        for (Map.Entry<Long, Long> range : ranges.entrySet()) {
            count += range.getValue() - range.getKey();
        }
        return count;
    }

    /** The ranges as {@code [start, end)} pairs, for snapshots. */
    List<long[]> toList() {
        List<long[]> list = new ArrayList<>(ranges.size());
        ranges.forEach((start, end) -> list.add(new long[] {start, end}));
        return list;
    }
}
